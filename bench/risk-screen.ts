// A micro-benchmark of the risk screen alone: every message of the labelled corpus, screened many
// times over, timed one call at a time. Returns (and, run on its own, prints) p50, p99 and the
// slowest call in microseconds, and the same for the longest messages, as Markdown; `npm run bench`
// adds it to BENCHMARKS.md.
// Run: npm run build && node dist/bench/risk-screen.js [rounds]
import { pathToFileURL } from 'node:url'
import { readCorpus } from '../src/safety/corpus.ts'
import { screenMessage } from '../src/safety/screen.ts'

function time (texts: string[], rounds: number): number[] {
  const took: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const start = process.hrtime.bigint()
      screenMessage(text)
      took.push(Number(process.hrtime.bigint() - start) / 1000)
    }
  }
  return took.sort((a, b) => a - b)
}

const at = (sorted: number[], q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(1)

export function riskScreenReport (rounds: number): string {
  const corpus = new URL('test/fixtures/crisis-corpus/', pathToFileURL(`${process.cwd()}/`))
  const messages = (['train', 'dev', 'test'] as const).flatMap(split => readCorpus(corpus, split)).map(message => message.text)
  const longest = [...messages].sort((a, b) => b.length - a.length).slice(0, 50)
  time(messages.slice(0, 200), 1) // warm-up: wink-nlp's model, the learned model and the patterns load on first use
  const all = time(messages, rounds)
  const long = time(longest, rounds)
  return [
    `## Risk screen: one message at a time (${messages.length} corpus messages × ${rounds} rounds, \`node dist/bench/risk-screen.js\`)`,
    '',
    '| messages | calls | p50 µs | p99 µs | max µs |',
    '|---|---:|---:|---:|---:|',
    `| all | ${all.length} | ${at(all, 0.5)} | ${at(all, 0.99)} | ${at(all, 1)} |`,
    `| the 50 longest (${longest.at(-1)?.length ?? 0}-${longest[0]?.length ?? 0} characters) | ${long.length} | ${at(long, 0.5)} | ${at(long, 0.99)} | ${at(long, 1)} |`,
    '',
    'Targets: p50 ≤ 100 µs, p99 ≤ 1 ms.',
    ''
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(riskScreenReport(Number(process.argv[2] ?? 20)))
