// A micro-benchmark of the risk screen alone: every message of the labelled corpus, screened many
// times over, timed one call at a time. Prints p50, p99 and the slowest call in microseconds, and
// the same for the longest messages, as a Markdown table for BENCHMARKS.md.
// Run: npm run build && node dist/bench/risk-screen.js [rounds]
import { pathToFileURL } from 'node:url'
import { readCorpus } from '../src/safety/corpus.ts'
import { screenMessage } from '../src/safety/screen.ts'

const rounds = Number(process.argv[2] ?? 20)
const corpus = new URL('test/fixtures/crisis-corpus/', pathToFileURL(`${process.cwd()}/`))
const messages = (['train', 'dev', 'test'] as const).flatMap(split => readCorpus(corpus, split)).map(message => message.text)
const longest = [...messages].sort((a, b) => b.length - a.length).slice(0, 50)

function time (texts: string[]): number[] {
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
time(messages.slice(0, 200)) // warm-up: wink-nlp's model and the regular expressions compile on first use
const all = time(messages)
const long = time(longest)
console.log(`Risk screen, ${messages.length} corpus messages × ${rounds} rounds, Node ${process.version}:\n`)
console.log('| messages | calls | p50 µs | p99 µs | max µs |')
console.log('|---|---|---|---|---|')
console.log(`| all | ${all.length} | ${at(all, 0.5)} | ${at(all, 0.99)} | ${at(all, 1)} |`)
console.log(`| the 50 longest (${longest.at(-1)?.length}-${longest[0]?.length} chars) | ${long.length} | ${at(long, 0.5)} | ${at(long, 0.99)} | ${at(long, 1)} |`)
