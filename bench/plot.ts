// Small line charts as SVG, written by hand (no plotting dependency): a grid of panels, each with
// its own axes and one polyline per series. `npm run bench` draws the growth figures with it.

export interface Series {
  name: string
  points: Array<{ x: number, y: number }>
}

export interface Panel {
  title: string
  xLabel: string
  yLabel: string
  /** A log scale for x (the stored turns: 1, 20, 200). */
  logX?: boolean
  series: Series[]
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b']
const WIDTH = 360
const HEIGHT = 250
const MARGIN = { left: 62, right: 14, top: 30, bottom: 62 }

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** 0, 1, 2 or 5 times a power of ten: round numbers for ticks. */
function niceStep (range: number, count: number): number {
  const raw = range / count
  const power = 10 ** Math.floor(Math.log10(raw))
  return ([1, 2, 5, 10].find(m => m * power >= raw) ?? 10) * power
}

const label = (value: number): string => value >= 10000 ? `${value / 1000}k` : String(Number(value.toPrecision(3)))

function panel (spec: Panel, colours: Map<string, string>): string {
  const points = spec.series.flatMap(s => s.points).filter(p => Number.isFinite(p.y) && Number.isFinite(p.x))
  if (points.length === 0) return `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">${escape(spec.title)}: no data</text>`
  const xs = [...new Set(points.map(p => p.x))].sort((a, b) => a - b)
  const tx = (x: number): number => spec.logX === true ? Math.log10(x) : x
  const [x0, x1] = [tx(xs[0] as number), tx(xs[xs.length - 1] as number)]
  const yStep = niceStep(Math.max(...points.map(p => p.y)) || 1, 4)
  const yMax = Math.ceil(Math.max(...points.map(p => p.y)) / yStep) * yStep || yStep
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const px = (x: number): number => MARGIN.left + (x1 === x0 ? plotW / 2 : (tx(x) - x0) / (x1 - x0) * plotW)
  const py = (y: number): number => MARGIN.top + plotH - y / yMax * plotH
  const parts = [
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">${escape(spec.title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333"/>`
  ]
  for (let y = 0; y <= yMax + yStep / 2; y += yStep) {
    parts.push(`<line x1="${MARGIN.left}" y1="${py(y).toFixed(1)}" x2="${MARGIN.left + plotW}" y2="${py(y).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${label(y)}</text>`)
  }
  for (const x of xs) {
    parts.push(`<text x="${px(x).toFixed(1)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${label(x)}</text>`)
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 34}" text-anchor="middle">${escape(spec.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(spec.yLabel)}</text>`)
  for (const series of spec.series) {
    const colour = colours.get(series.name) as string
    const drawn = series.points.filter(p => Number.isFinite(p.y) && Number.isFinite(p.x)).sort((a, b) => a.x - b.x)
    if (drawn.length > 1) {
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${drawn.map(p => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`)
    }
    for (const p of drawn) parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${colour}"><title>${escape(series.name)}: ${label(p.y)}</title></circle>`)
  }
  return parts.join('\n')
}

/** Panels two to a row, with one legend for every series name under them. */
export function chartSvg (panels: Panel[]): string {
  const names = [...new Set(panels.flatMap(p => p.series.map(s => s.name)))]
  const colours = new Map(names.map((name, i) => [name, COLOURS[i % COLOURS.length] as string]))
  const columns = Math.min(2, panels.length)
  const rows = Math.ceil(panels.length / columns)
  const legendY = rows * HEIGHT + 8
  const height = legendY + names.length * 18 + 8
  const body = panels.map((spec, i) =>
    `<g transform="translate(${(i % columns) * WIDTH} ${Math.floor(i / columns) * HEIGHT})">\n${panel(spec, colours)}\n</g>`)
  const legend = names.map((name, i) =>
    `<rect x="${MARGIN.left}" y="${legendY + i * 18}" width="14" height="10" fill="${colours.get(name) as string}"/>` +
    `<text x="${MARGIN.left + 20}" y="${legendY + i * 18 + 9}">${escape(name)}</text>`)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * WIDTH}" height="${height}" viewBox="0 0 ${columns * WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    ...legend,
    '</svg>',
    ''
  ].join('\n')
}
