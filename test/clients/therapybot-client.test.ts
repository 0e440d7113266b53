// The streaming client library: SSE parsing under adversarial chunkings, and the real API end to end.
import t from 'tap'
import fc from 'fast-check'
import { chat, messages, MessageTooLongError, NOTICE_KINDS, readEvents, resume, stop, TherapyBotError, type ChatEvent, type DoneEvent, type NoticeEvent } from '../../clients/therapybot-client.ts'
import { build, listen } from '../support/helper.ts'
import { startCuttableProxy } from '../support/cuttable-proxy.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'
import { NOTICE_TEXTS } from '../../src/compliance/notice-texts.ts'

const EVENTS = [
  { notice: { kind: 'ai_disclosure', message: 'You are talking with an AI, not a person.' } },
  { content: 'I hear 😊 你好 שלום ' },
  { content: 'x'.repeat(3000) },
  { content: 'line\nbreak "quoted" \\ back' },
  { done: true, messageId: 'r1', stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 4 } }
]

function payload (newline: string): Uint8Array {
  const text = ': ping' + newline + newline + EVENTS.map((event, i) => `id: r1:${i}${newline}data: ${JSON.stringify(event)}${newline}${newline}`).join(`: ping${newline}${newline}`)
  return new TextEncoder().encode(text)
}

function streamOf (bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter(c => c > 0 && c < bytes.length))].sort((a, b) => a - b)
  const pieces = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end))
  return new ReadableStream({
    start (controller) {
      for (const piece of pieces) controller.enqueue(piece)
      controller.close()
    }
  })
}

async function collect (stream: ReadableStream<Uint8Array>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = []
  for await (const event of readEvents(stream)) events.push(event)
  return events
}

const expected = EVENTS.map((event, i) => ({ id: `r1:${i}`, type: Object.keys(event)[0], ...event }))

t.test('events come out whole and in order however the bytes are cut', async (t) => {
  for (const newline of ['\n', '\r\n']) {
    const bytes = payload(newline)
    t.same(await collect(streamOf(bytes, [])), expected, 'one chunk')
    t.same(await collect(streamOf(bytes, Array.from({ length: bytes.length }, (_v, i) => i))), expected, 'one byte at a time')
    let everySplit = true
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const events = await collect(streamOf(bytes, [cut]))
      if (JSON.stringify(events) !== JSON.stringify(expected)) everySplit = false
    }
    t.ok(everySplit, 'cut in two at many places, inside lines, JSON and multi-byte characters')
    await fc.assert(fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 60 }), async (cuts) => {
      t.same(await collect(streamOf(bytes, cuts)), expected)
    }), { numRuns: 100 })
  }
})

t.test("the seed README's split-per-read snippet breaks where this client does not", async (t) => {
  const bytes = payload('\n')
  const text = new TextDecoder().decode(bytes)
  const cut = text.indexOf('xxxx') + 10
  // The seed's reader: split each read on newlines and JSON.parse every data: line.
  const seedParse = (): void => {
    for (const chunk of [text.slice(0, cut), text.slice(cut)]) {
      for (const line of chunk.split('\n')) if (line.startsWith('data: ')) JSON.parse(line.slice(6))
    }
  }
  t.throws(seedParse, SyntaxError, 'a JSON line across two reads breaks the seed snippet')
  t.same(await collect(streamOf(bytes, [new TextEncoder().encode(text.slice(0, cut)).length])), expected)
})

t.test('against the live API: chat, resume, stop and errors', async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '15', STREAM_RESUME_WINDOW_MS: '5000' } })
  const baseUrl = await listen(app)

  const events: ChatEvent[] = []
  for await (const event of chat({ baseUrl, message: 'I feel anxious about work', sessionId: 'lib-1', userId: 'u1' })) events.push(event)
  t.equal(events[0]?.type, 'notice')
  t.equal(events.at(-1)?.type, 'done')
  const text = events.flatMap(e => e.type === 'content' ? [e.content] : []).join('')
  const stored = (await app.inject({ method: 'GET', url: '/sessions/lib-1/messages?userId=u1' })).json().messages[1].content
  t.equal(text, stored)

  // Abort after three pieces, asking that the reply go on, then resume from the last id.
  const controller = new AbortController()
  let lastId = ''
  let first = ''
  try {
    for await (const event of chat({ baseUrl, message: 'and I cannot sleep', sessionId: 'lib-2', userId: 'u1', signal: controller.signal, keepRunning: true })) {
      lastId = event.id
      if (event.type === 'content') {
        first += event.content
        if (first.split(' ').length > 3) controller.abort()
      }
    }
  } catch (error) {
    t.equal((error as Error).name, 'AbortError')
  }
  let rest = ''
  let end: ChatEvent | undefined
  for await (const event of resume({ baseUrl, sessionId: 'lib-2', userId: 'u1', lastEventId: lastId })) {
    if (event.type === 'content') rest += event.content
    end = event
  }
  t.equal(end?.type, 'done')
  t.equal(first + rest, (await app.inject({ method: 'GET', url: '/sessions/lib-2/messages?userId=u1' })).json().messages[1].content)
  const nothingLeft: ChatEvent[] = []
  for await (const event of resume({ baseUrl, sessionId: 'lib-2', userId: 'u1', lastEventId: end?.id })) nothingLeft.push(event)
  t.same(nothingLeft, [], 'a finished reply resumes as an empty stream (204)')

  // Stop a reply from the side.
  const stopped: ChatEvent[] = []
  for await (const event of chat({ baseUrl, message: 'tell me more', sessionId: 'lib-3', userId: 'u1' })) {
    stopped.push(event)
    if (event.type === 'content' && stopped.length === 3) await stop({ baseUrl, sessionId: 'lib-3', userId: 'u1' })
  }
  t.match(stopped.at(-1), { type: 'done', stopReason: 'stopped' })

  const error = await (async () => {
    for await (const _event of chat({ baseUrl, message: '   ', sessionId: 'lib-4' })) t.fail('no events')
  })().then(() => undefined, (e: unknown) => e)
  t.ok(error instanceof TherapyBotError)
  t.match(error, { status: 400, code: 'INVALID_REQUEST', message: /message must contain some text/ })

  const network = await (async () => {
    // Retried (three times, with backoff) before it gives up.
    for await (const _event of chat({ baseUrl: 'http://127.0.0.1:1', message: 'hi', sessionId: 'x' })) t.fail('no events')
  })().then(() => undefined, (e: unknown) => e)
  t.match(network, { status: 0, code: 'NETWORK_ERROR' })
})

t.test('aborting stops the reply on the server; a cut connection resumes the same reply; notice and safety are typed events', async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '20' } })
  const direct = await listen(app)
  const proxy = await startCuttableProxy(direct)
  t.teardown(() => proxy.close())
  const history = async (sessionId: string): Promise<any[]> => (await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=u1` })).json().messages

  const controller = new AbortController()
  let pieces = 0
  await (async () => {
    for await (const event of chat({ baseUrl: direct, message: 'I feel anxious about work', sessionId: 'abort-1', userId: 'u1', signal: controller.signal })) {
      if (event.type === 'content' && ++pieces === 3) controller.abort()
    }
  })().catch(() => {})
  let stored = await history('abort-1')
  for (let i = 0; i < 50 && stored.length < 2; i++) stored = await history('abort-1')
  t.equal(stored[1]?.status, 'interrupted', 'the reply was stopped, not left running for the resume window')
  const end: ChatEvent[] = []
  for await (const event of resume({ baseUrl: direct, sessionId: 'abort-1', userId: 'u1' })) end.push(event)
  t.match(end.at(-1), { type: 'done', stopReason: 'stopped' })

  const events: ChatEvent[] = []
  let cut = false
  for await (const event of chat({ baseUrl: proxy.url, message: 'I want to kill myself', sessionId: 'cut-1', userId: 'u1' })) {
    events.push(event)
    if (event.type === 'content' && !cut) {
      cut = true
      proxy.cut()
    }
  }
  t.ok(cut)
  const notices = events.flatMap(event => event.type === 'notice' ? [event.notice.kind] : [])
  const safety = events.flatMap(event => event.type === 'safety' ? [event.safety] : [])
  t.same(notices, ['ai_disclosure'])
  t.equal(safety[0]?.level, 'crisis')
  t.ok((safety[0]?.resources.length ?? 0) > 0, 'the resources, typed')
  t.equal(new Set(events.map(e => e.id)).size, events.length, 'no event twice')
  const messages = await history('cut-1')
  t.same(messages.map(m => m.role), ['user', 'assistant'], 'one message stored, one reply')
  t.equal(events.flatMap(e => e.type === 'content' ? [e.content] : []).join(''), messages[1].content)
  t.match(events.at(-1), { type: 'done', stopReason: 'end_turn' })
})

t.test("messages() reads the session's stored conversation, and none for a session not yet begun", async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '0' } })
  const baseUrl = await listen(app)
  t.same(await messages({ baseUrl, sessionId: 'history-1' }), [], 'a new session has no messages (not an error)')
  let reply = ''
  for await (const event of chat({ baseUrl, sessionId: 'history-1', message: 'I slept badly again' })) {
    if (event.type === 'content') reply += event.content
  }
  const stored = await messages({ baseUrl, sessionId: 'history-1' })
  t.match(stored, [{ role: 'user', content: 'I slept badly again', status: 'complete' }, { role: 'assistant', content: reply, status: 'complete' }])
  const other = await messages({ baseUrl, sessionId: 'history-1', userId: 'someone-else' })
  t.same(other, [], "another user's session is not shown")
  await t.rejects(messages({ baseUrl, sessionId: 'bad id!' }), { status: 400, code: 'INVALID_REQUEST' })
})

t.test('a message over the limit is a MessageTooLongError naming the limit, and nothing is stored', async (t) => {
  const app = await build(t, { env: { MAX_MESSAGE_CHARS: '50' } })
  const baseUrl = await listen(app)
  const long = 'I have so much to say about this week that it will not fit in one message'
  const error = await (async () => {
    for await (const _event of chat({ baseUrl, message: long, sessionId: 'long-1' })) t.fail('no events')
  })().then(() => undefined, (e: unknown) => e)
  t.ok(error instanceof MessageTooLongError, 'a typed error a UI can tell apart')
  t.ok(error instanceof TherapyBotError, 'and still a TherapyBotError')
  t.match(error, { status: 400, code: 'MESSAGE_TOO_LONG', limit: 50, message: /nothing was stored/ })
  t.same(await messages({ baseUrl, sessionId: 'long-1' }), [], 'the message was not stored')
  t.equal((error as MessageTooLongError).safety, undefined, 'no resources for an everyday message')
  const risky = await (async () => {
    for await (const _event of chat({ baseUrl, message: 'I wrote so much tonight. I just want to die, honestly.', sessionId: 'long-2' })) t.fail('no events')
  })().then(() => undefined, (e: unknown) => e)
  t.match((risky as MessageTooLongError).safety, { category: 'self_harm', resources: [{ name: /.+/ }] }, 'a refused cry for help still carries the resources')
  // Split at the limit, it goes through.
  for (const part of [long.slice(0, 50), long.slice(50)]) {
    for await (const _event of chat({ baseUrl, message: part, sessionId: 'long-1' })) {}
  }
  t.same((await messages({ baseUrl, sessionId: 'long-1' })).filter(m => m.role === 'user').map(m => m.content), [long.slice(0, 50), long.slice(50)])
})

t.test("done says fallback when the model failed and the offline listener answered; not when the model answered", async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, AGENT_MAX_RETRIES: '0', AGENT_FALLBACK: 'reflective' } })
  const baseUrl = await listen(app)
  const ends = async (sessionId: string): Promise<Array<DoneEvent & { id: string }>> => {
    const done = []
    for await (const event of chat({ baseUrl, message: 'I feel anxious about work', sessionId })) if (event.type === 'done') done.push(event)
    return done
  }
  mock.enqueue({ status: 529 })
  const [fallback] = await ends('fallback-1')
  t.equal(fallback?.fallback, true, 'the offline listener answered')
  t.equal((await messages({ baseUrl, sessionId: 'fallback-1' }))[1]?.id, fallback?.messageId, 'messageId names the stored reply')
  mock.enqueue({ tokens: ['I ', 'hear ', 'you.'] })
  const [answered] = await ends('fallback-2')
  t.equal(answered?.fallback, undefined, 'the model answered: no mark')
})

t.test("every notice kind the server sends is typed; a minor's stream carries the suitability notice and break reminders", async (t) => {
  t.same([...NOTICE_KINDS].sort(), Object.keys(NOTICE_TEXTS).sort(), 'the client names each kind the server has')
  const app = await build(t, { env: { BREAK_REMINDER_INTERVAL_MS: '1' } })
  const baseUrl = await listen(app)
  const notices = async (sessionId: string, minor?: boolean): Promise<NoticeEvent['notice'][]> => {
    const shown = []
    for await (const event of chat({ baseUrl, message: 'school has been a lot lately', sessionId, minor })) if (event.type === 'notice') shown.push(event.notice)
    return shown
  }
  const first = await notices('minor-1', true)
  t.same(first.map(notice => notice.kind), ['ai_disclosure', 'minor_suitability'], 'a minor: the AI disclosure and the suitability notice at the start')
  t.match(first[1]?.message, /may not be suitable for some minors/)
  const later = await notices('minor-1', true)
  t.same(later.map(notice => notice.kind), ['break_reminder'], 'then a break reminder when the interval has passed')
  t.match(later[0]?.message, /take a break/)
  t.same((await notices('adult-1')).map(notice => notice.kind), ['ai_disclosure'], 'not a minor: the disclosure only')
  t.same(await notices('adult-1'), [], 'and no break reminders')
})
