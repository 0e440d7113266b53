// A client that stops reading must not make the server buffer without bound: the socket write
// buffer stays small (backpressure), the reply still ends and is stored, and the reply log is capped.
import t from 'tap'
import { connect } from 'node:net'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ServerResponse } from 'node:http'
import { build, listen } from '../support/helper.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'
import { LocalReplyBus, MAX_REPLY_EVENTS } from '../../src/reply-bus/local-bus.ts'

t.test('a stalled client: bounded socket buffer, the reply goes on and is stored', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const token = 'x'.repeat(1000)
  mock.enqueue({ tokens: Array.from({ length: 8000 }, () => token) }) // 8 MB of reply
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, STREAM_RESUME_WINDOW_MS: '60000' } })
  const url = new URL(await listen(app))
  let response: ServerResponse | undefined
  app.server.on('request', (req, res) => { if (req.url === '/chat') response = res })

  const socket = connect(Number(url.port), url.hostname)
  await once(socket, 'connect')
  const body = JSON.stringify({ message: 'hello', sessionId: 'stalled' })
  socket.write(`POST /chat HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
  await once(socket, 'data')
  socket.pause() // and never read again

  let stored: any
  // Checkpointed as interrupted while it streams: wait for its end.
  for (let i = 0; i < 200 && stored?.status !== 'complete'; i++) {
    await sleep(50)
    stored = (await app.inject({ method: 'GET', url: '/sessions/stalled/messages' })).json().messages?.[1]
  }
  t.equal(stored?.status, 'complete', 'the reply ended and was stored while the client was stalled')
  t.equal(stored?.content.length, 8000 * 1000)
  const buffered = response?.writableLength ?? Infinity
  t.ok(buffered < 1024 * 1024, `the server holds ${buffered} bytes for the stalled socket, not the 8 MB reply`)
  socket.destroy()
})

t.test('the reply log keeps at most MAX_REPLY_EVENTS events, and a late reader continues from the oldest kept', async (t) => {
  const bus = new LocalReplyBus(1000)
  t.teardown(() => bus.close())
  await bus.open({ userId: 'u', sessionId: 's' }, 'r')
  const total = MAX_REPLY_EVENTS * 3
  for (let seq = 0; seq < total; seq++) bus.publish('r', { seq, data: '{}', terminal: seq === total - 1 })
  t.same(await bus.status('r'), { ended: true, lastSeq: total - 1 })
  const seen: number[] = []
  for await (const batch of bus.follow('r', -1, new AbortController().signal)) seen.push(...batch.map(event => event.seq))
  t.ok(seen.length <= MAX_REPLY_EVENTS, `${seen.length} events kept`)
  t.equal(seen.at(-1), total - 1)
  t.same(seen, seen.map((_s, i) => (seen[0] as number) + i), 'in order without gaps')
})

t.test('a late reader of an ended reply gets every event with its seq, payload and the end marked once', async (t) => {
  const bus = new LocalReplyBus(1000)
  t.teardown(() => bus.close())
  await bus.open({ userId: 'u', sessionId: 's' }, 'r')
  for (let seq = 0; seq < 5; seq++) bus.publish('r', { seq, data: JSON.stringify({ n: seq }), terminal: seq === 4 })
  t.doesNotThrow(() => bus.publish('unknown', { seq: 7, data: '{}', terminal: false }), 'an unknown reply is ignored')
  const events = []
  for await (const batch of bus.follow('r', 1, new AbortController().signal)) events.push(...batch)
  t.same(events, [
    { seq: 2, data: '{"n":2}', terminal: false },
    { seq: 3, data: '{"n":3}', terminal: false },
    { seq: 4, data: '{"n":4}', terminal: true }
  ])
  await bus.open({ userId: 'u', sessionId: 's2' }, 'gap')
  bus.publish('gap', { seq: 0, data: '{}', terminal: false })
  t.throws(() => bus.publish('gap', { seq: 2, data: '{}', terminal: false }), /out of order/, 'a gap would give events the wrong ids: refused')
  t.same(await bus.status('gap'), { ended: false, lastSeq: 0 })
})

t.test('ended replies are kept for late resumes only up to MAX_ENDED_REPLIES: memory stays bounded under load', async (t) => {
  const { MAX_ENDED_REPLIES } = await import('../../src/reply-bus/local-bus.ts')
  const bus = new LocalReplyBus(60000)
  t.teardown(() => bus.close())
  for (let i = 0; i <= MAX_ENDED_REPLIES; i++) {
    await bus.open({ userId: 'u', sessionId: `s${i}` }, `r${i}`)
    bus.publish(`r${i}`, { seq: 0, data: '{}', terminal: true })
  }
  t.equal(await bus.status('r0'), undefined, 'the oldest ended reply was let go')
  t.same(await bus.status(`r${MAX_ENDED_REPLIES}`), { ended: true, lastSeq: 0 })
  t.equal(await bus.latestReply({ userId: 'u', sessionId: 's0' }), undefined)
})

t.test('live readers: what is published in one turn arrives as one batch, and a reader ends when its client leaves', async (t) => {
  const bus = new LocalReplyBus(1000)
  t.teardown(() => bus.close())
  await bus.open({ userId: 'u', sessionId: 's' }, 'r')
  const left = new AbortController()
  const first = bus.follow('r', -1, new AbortController().signal)[Symbol.asyncIterator]()
  const second = bus.follow('r', -1, left.signal)[Symbol.asyncIterator]()
  const firstBatch = first.next()
  const secondBatch = second.next()
  for (let seq = 0; seq < 3; seq++) bus.publish('r', { seq, data: `"${seq}"`, terminal: false })
  const seqs = (result: IteratorResult<Array<{ seq: number }>>): number[] => result.done === true ? [] : result.value.map(event => event.seq)
  t.same(seqs(await firstBatch), [0, 1, 2], 'a burst goes out together')
  t.same(seqs(await secondBatch), [0, 1, 2], 'every reader gets it')

  const waiting = second.next()
  left.abort()
  t.same(await waiting, { value: undefined, done: true }, 'a client that left stops waiting at once')

  const rest = first.next()
  bus.publish('r', { seq: 3, data: '"end"', terminal: true })
  const last = await rest
  t.same(last.done === true ? undefined : last.value, [{ seq: 3, data: '"end"', terminal: true }])
  t.same(await first.next(), { value: undefined, done: true }, 'and the reply\'s end ends the reader')
})
