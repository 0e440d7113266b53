// Resuming a reply after a dropped connection, the resume window, and stopping a reply.
import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { EventSource } from 'eventsource'
import { build, listen, postChat } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'

const TOKENS = Array.from({ length: 30 }, (_v, i) => `t${i} `)

async function setup (t: Test, env: Record<string, string> = {}) {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, ...env } })
  return { mock, app, url: await listen(app) }
}

/** Reads a chat until `leaveAfter` content events, then drops the connection; returns what it got. */
async function chatAndLeave (url: string, body: object, leaveAfter: number) {
  const controller = new AbortController()
  let seen = 0
  return await postChat(url, body, {
    signal: controller.signal,
    onEvent: (event) => { if ('content' in event && ++seen === leaveAfter) controller.abort() }
  })
}

async function resume (url: string, sessionId: string, lastEventId?: string, viaQuery = false) {
  const query = viaQuery && lastEventId !== undefined ? `&lastEventId=${encodeURIComponent(lastEventId)}` : ''
  const response = await fetch(`${url}/sessions/${sessionId}/stream?userId=u1${query}`, {
    headers: lastEventId !== undefined && !viaQuery ? { 'last-event-id': lastEventId } : {}
  })
  const text = await response.text()
  const events = sseEvents(text)
  return { status: response.status, headers: response.headers, events, text }
}

t.test('a client that drops mid-reply resumes with Last-Event-ID and gets the rest, nothing lost or repeated', async (t) => {
  const { mock, app, url } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 15 })
  const first = await chatAndLeave(url, { message: 'hello', sessionId: 'r1', userId: 'u1' }, 5)
  t.equal(first.text, TOKENS.slice(0, 5).join(''))
  t.equal(mock.requests[0]?.closedEarly, false, 'the reply goes on while the client is away')

  const rest = await resume(url, 'r1', first.ids.at(-1))
  t.equal(rest.status, 200)
  t.match(rest.headers.get('content-type'), /text\/event-stream/)
  const restText = rest.events.filter(e => 'content' in e.data).map(e => e.data.content).join('')
  t.equal(first.text + restText, TOKENS.join(''), 'the two parts make the whole reply')
  t.match(rest.events.at(-1)?.data, { done: true, stopReason: 'end_turn' })
  const seqs = [...first.ids, ...rest.events.map(e => e.id)].map(id => Number(id?.split(':')[1]))
  t.same(seqs, seqs.map((_s, i) => i), 'event ids run on without gap or repeat')

  const history = (await app.inject({ method: 'GET', url: '/sessions/r1/messages?userId=u1' })).json()
  t.same(history.messages.map((m: any) => [m.content, m.status]), [['hello', 'complete'], [TOKENS.join(''), 'complete']])

  // Caught up with an ended reply: 204, so an EventSource stops reconnecting.
  const done = await resume(url, 'r1', rest.events.at(-1)?.id)
  t.equal(done.status, 204)
  // Without an id, the whole reply again; with ?lastEventId= as with the header.
  t.equal((await resume(url, 'r1')).events.filter(e => 'content' in e.data).length, TOKENS.length)
  t.equal((await resume(url, 'r1', first.ids.at(-1), true)).events.filter(e => 'content' in e.data).length, TOKENS.length - 5)
})

t.test('resuming works with an EventSource client, which reconnects by itself', async (t) => {
  const { mock, url } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 10 })
  const first = await chatAndLeave(url, { message: 'hello', sessionId: 'es1', userId: 'u1' }, 3)
  let text = first.text
  await new Promise<void>((resolve, reject) => {
    // The EventSource would send Last-Event-ID itself on a reconnect; the first connection passes it in the query.
    const source = new EventSource(`${url}/sessions/es1/stream?userId=u1&lastEventId=${encodeURIComponent(first.ids.at(-1) as string)}`)
    source.onmessage = (message) => {
      const data = JSON.parse(message.data)
      if (data.content !== undefined) text += data.content
      if (data.done === true) { source.close(); resolve() }
    }
    source.onerror = () => { source.close(); reject(new Error('EventSource failed')) }
  })
  t.equal(text, TOKENS.join(''))
})

t.test('with no client back within STREAM_RESUME_WINDOW_MS the model request is aborted and the partial reply kept', async (t) => {
  const { mock, app, url } = await setup(t, { STREAM_RESUME_WINDOW_MS: '150' })
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 40 })
  await chatAndLeave(url, { message: 'hello', sessionId: 'w1', userId: 'u1' }, 2)
  await sleep(80)
  t.equal(mock.requests[0]?.closedEarly, false, 'still going inside the window')
  let waited = 0
  while (mock.requests[0]?.closedEarly !== true && waited < 2000) { await sleep(25); waited += 25 }
  t.equal(mock.requests[0]?.closedEarly, true, 'aborted after the window')
  let messages: any[] = []
  for (let i = 0; i < 40 && messages.length < 2; i++) {
    await sleep(25)
    messages = (await app.inject({ method: 'GET', url: '/sessions/w1/messages?userId=u1' })).json().messages
  }
  t.equal(messages[1]?.status, 'interrupted')
  t.ok(messages[1]?.content.length > 0 && messages[1]?.content.length < TOKENS.join('').length)
  const late = await resume(url, 'w1')
  t.match(late.events.at(-1)?.data, { done: true, stopReason: 'interrupted' }, 'a late client learns how it ended')
})

t.test('a client back inside the window keeps the reply going', async (t) => {
  const { mock, url } = await setup(t, { STREAM_RESUME_WINDOW_MS: '200' })
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 25 })
  const first = await chatAndLeave(url, { message: 'hello', sessionId: 'w2', userId: 'u1' }, 2)
  await sleep(100)
  const rest = await resume(url, 'w2', first.ids.at(-1))
  t.match(rest.events.at(-1)?.data, { done: true, stopReason: 'end_turn' })
  t.equal(mock.requests[0]?.closedEarly, false)
})

t.test('POST /sessions/{id}/stop aborts the reply: stored as interrupted, streams end with done/stopped', async (t) => {
  const { mock, app, url } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 30 })
  let stopped: Promise<any> | undefined
  const stream = await postChat(url, { message: 'hello', sessionId: 's1', userId: 'u1' }, {
    onEvent: (event) => {
      if (event.content === 't3 ') stopped = app.inject({ method: 'POST', url: '/sessions/s1/stop?userId=u1' })
    }
  })
  t.equal((await stopped)?.statusCode, 204)
  t.match(stream.events.at(-1), { done: true, stopReason: 'stopped' })
  let waited = 0
  while (mock.requests[0]?.closedEarly !== true && waited < 1000) { await sleep(20); waited += 20 }
  t.equal(mock.requests[0]?.closedEarly, true, 'the model request was aborted')
  const history = (await app.inject({ method: 'GET', url: '/sessions/s1/messages?userId=u1' })).json()
  t.equal(history.messages[1].status, 'interrupted')
  t.equal(history.messages[1].content, stream.text)
  t.equal((await app.inject({ method: 'POST', url: '/sessions/s1/stop?userId=u1' })).statusCode, 204, 'also when nothing streams')
  t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'again', sessionId: 's1', userId: 'u1' } })).statusCode, 200)
})

t.test('resume answers 404 JSON when the session has no reply, and never for another user', async (t) => {
  const { url } = await setup(t)
  const none = await fetch(`${url}/sessions/nothing/stream`)
  t.equal(none.status, 404)
  t.match(await none.json(), { code: 'REPLY_NOT_FOUND', statusCode: 404 })
  await postChat(url, { message: 'mine', sessionId: 'own', userId: 'u1' })
  const other = await fetch(`${url}/sessions/own/stream?userId=u2`)
  t.equal(other.status, 404)
  await other.text()
})
