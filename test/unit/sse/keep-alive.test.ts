import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { PingTicker } from '../../../src/sse/keep-alive.ts'

t.test('streams opened together are pinged once each per interval, spread across it rather than all at once', async (t) => {
  const intervalMs = 320
  const ticker = new PingTicker(intervalMs)
  t.teardown(() => { ticker.stop() })
  const pings: Array<{ stream: number, at: number }> = []
  const removers = Array.from({ length: 32 }, (_v, stream) => ticker.add({ ping: () => pings.push({ stream, at: performance.now() }) }))

  for (let waited = 0; pings.length < 64 && waited < 10 * intervalMs; waited += 20) await sleep(20)
  const firstRound = pings.slice(0, 32)
  t.equal(new Set(firstRound.map(p => p.stream)).size, 32, 'every stream once before any stream twice')
  const spreadMs = firstRound.at(-1)!.at - firstRound[0]!.at
  // Timers never fire early, so a spread under most of the interval means pings were bunched.
  t.ok(spreadMs >= intervalMs * 0.75, `the first round's pings span ${spreadMs.toFixed(0)} ms of the ${intervalMs} ms interval`)
  t.same(pings.slice(32, 64).map(p => p.stream), firstRound.map(p => p.stream), 'the second round in the same order')

  for (const remove of removers.slice(0, 31)) remove()
  const before = pings.length
  for (let waited = 0; pings.length - before < 2 && waited < 10 * intervalMs; waited += 20) await sleep(20)
  const after = pings.slice(before).map(p => p.stream)
  t.ok(after.length >= 2 && after.every(stream => stream === 31), 'a closed stream is not pinged again')
})
