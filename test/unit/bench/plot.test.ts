// The benchmark's hand-written SVG charts: every series drawn inside its panel, on the right scale.
import t from 'tap'
import { chartSvg } from '../../../bench/plot.ts'

const coordinates = (svg: string): Array<[number, number]> =>
  [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map(m => [Number(m[1]), Number(m[2])])

t.test('one polyline per series, every point inside the drawing, a legend entry per name', async (t) => {
  const svg = chartSvg([
    { title: 'CPU', xLabel: 'turns', yLabel: 'µs', logX: true, series: [{ name: 'a & <b>', points: [{ x: 1, y: 10 }, { x: 20, y: 12 }, { x: 200, y: 30 }] }] },
    { title: 'RSS', xLabel: 'streams', yLabel: 'MB', series: [{ name: 'a & <b>', points: [{ x: 1000, y: 300 }, { x: 10000, y: 500 }] }, { name: 'c', points: [{ x: 1000, y: 200 }, { x: 5000, y: NaN }] }] }
  ])
  t.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="(\d+)" height="(\d+)"/)
  t.equal(svg.match(/<polyline /g)?.length, 2, 'a series with one finite point gets a dot, no line')
  t.equal(coordinates(svg).length, 6, 'the NaN point is left out')
  t.notMatch(svg, /a & <b>/, 'names are escaped')
  t.equal(svg.match(/a &amp; &lt;b&gt;<\/text>/g)?.length, 1, 'one legend entry per name')
  const [width, height] = [Number(/width="(\d+)"/.exec(svg)?.[1]), Number(/height="(\d+)"/.exec(svg)?.[1])]
  for (const [x, y] of coordinates(svg)) t.ok(x > 0 && x < width && y > 0 && y < height, `${x},${y} inside`)
})

t.test('a log scale puts 20 at log10(20)/log10(200) of the way from 1 to 200', async (t) => {
  const svg = chartSvg([{ title: 'CPU', xLabel: 'turns', yLabel: 'µs', logX: true, series: [{ name: 's', points: [{ x: 1, y: 1 }, { x: 20, y: 1 }, { x: 200, y: 1 }] }] }])
  const [a, b, c] = coordinates(svg).map(([x]) => x) as [number, number, number]
  t.ok(Math.abs((b - a) / (c - a) - Math.log10(20) / Math.log10(200)) < 0.01)
})

t.test('a panel without data says so', async (t) => {
  t.match(chartSvg([{ title: 'Empty', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [] }] }]), /Empty: no data/)
})
