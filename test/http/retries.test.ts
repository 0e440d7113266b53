// Safe retries of POST /chat: the Idempotency-Key header, a POST that names the current reply in
// Last-Event-ID, and @microsoft/fetch-event-source's own default retries (a cut connection, a tab
// hidden and shown again) giving one stored message and one reply, never a spliced one.
import t, { type Test } from 'tap'
import { fetchEventSource } from '@microsoft/fetch-event-source'
import { build, listen, postChat } from '../support/helper.ts'
import { startAnthropicMock, type AnthropicMock } from '../support/mocks/anthropic.ts'
import { installBrowserGlobals, type BrowserGlobals } from '../support/browser-globals.ts'
import { startCuttableProxy } from '../support/cuttable-proxy.ts'

const TOKENS = Array.from({ length: 20 }, (_v, i) => `w${i} `)

async function setup (t: Test): Promise<{ url: string, mock: AnthropicMock, history: (sessionId: string) => Promise<any[]> }> {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, SSE_KEEPALIVE_MS: '50' } })
  const history = async (sessionId: string): Promise<any[]> => (await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages` })).json().messages
  return { url: await listen(app), mock, history }
}

/** fetch-event-source as its README shows it, with its default retries, and the guard for pings. */
async function followWithFetchEventSource (url: string, body: object, onEvent: (event: any, browser: BrowserGlobals) => void): Promise<{ events: any[], ids: string[] }> {
  const events: any[] = []
  const ids: string[] = []
  const browser = installBrowserGlobals()
  await fetchEventSource(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    onmessage (ev) {
      if (!ev.data) return // a `: ping` comment arrives as a message with no data
      const event = JSON.parse(ev.data)
      events.push(event)
      ids.push(ev.id)
      onEvent(event, browser)
    }
  }).finally(browser.uninstall)
  return { events, ids }
}

function assertOneReply (t: Test, events: any[], ids: string[], stored: any[]): void {
  t.same(stored.map(m => m.role), ['user', 'assistant'], 'the message was stored once, and one reply')
  t.equal(new Set(ids).size, ids.length, 'no event arrived twice')
  t.equal(events.filter(e => 'content' in e).map(e => e.content).join(''), TOKENS.join(''), 'the text on screen is the one reply, not spliced')
  t.equal(stored[1].content, TOKENS.join(''))
  t.match(events.at(-1), { done: true, messageId: stored[1].id })
}

t.test('fetch-event-source: a connection cut mid-reply is retried by default and resumes the same reply', async (t) => {
  const { url, mock, history } = await setup(t)
  const proxy = await startCuttableProxy(url)
  t.teardown(() => proxy.close())
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 40 })
  let cut = false
  const { events, ids } = await followWithFetchEventSource(proxy.url, { message: 'hello', sessionId: 'cut-1' }, (event) => {
    if (event.content === 'w3 ' && !cut) {
      cut = true
      proxy.cut()
    }
  })
  t.ok(cut, 'the connection was cut')
  t.equal(mock.requests.length, 1, 'the model was asked once')
  assertOneReply(t, events, ids, await history('cut-1'))
})

t.test('fetch-event-source: a tab hidden mid-reply and shown again resumes the same reply', async (t) => {
  const { url, mock, history } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 40 })
  let hidden = false
  const { events, ids } = await followWithFetchEventSource(url, { message: 'hello', sessionId: 'hide-1' }, (event, browser) => {
    if (event.content === 'w3 ' && !hidden) {
      hidden = true
      browser.setHidden(true) // fetch-event-source aborts its request, and re-POSTs when shown
      setTimeout(() => browser.setHidden(false), 300)
    }
  })
  t.ok(hidden)
  t.equal(mock.requests.length, 1, 'the model was asked once')
  assertOneReply(t, events, ids, await history('hide-1'))
})

t.test('Idempotency-Key: a retry with the same key and body gets the reply already started, never a second one', async (t) => {
  const { url, mock, history } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 10 })
  const body = { message: 'hello', sessionId: 'idem-1' }
  // Twins sent together: one starts the reply, the other follows it (not 409 SESSION_BUSY).
  const [first, twin] = await Promise.all([
    postChat(url, body, { headers: { 'idempotency-key': '"key-1"' } }),
    postChat(url, body, { headers: { 'idempotency-key': '"key-1"' } })
  ])
  t.equal(first.status, 200)
  t.equal(twin.status, 200)
  t.equal(first.text, TOKENS.join(''))
  t.same(twin.ids, first.ids, 'the twin got the same events')

  // After the end, from the start; the bare form of the key names the same request.
  const late = await postChat(url, body, { headers: { 'idempotency-key': 'key-1' } })
  t.same(late.ids, first.ids, 'a late retry gets the whole reply again')
  // With Last-Event-ID, only what it missed.
  const resumed = await postChat(url, body, { headers: { 'idempotency-key': '"key-1"', 'last-event-id': first.ids[10] as string } })
  t.same(resumed.ids, first.ids.slice(11))
  t.equal(mock.requests.length, 1, 'the model was asked once')
  t.same((await history('idem-1')).map(m => m.role), ['user', 'assistant'])

  const other = await fetch(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': '"key-1"' }, body: JSON.stringify({ ...body, message: 'something else' }) })
  t.equal(other.status, 422)
  t.match(await other.json(), { code: 'IDEMPOTENCY_KEY_REUSED', statusCode: 422 })

  mock.enqueue({ tokens: ['next'] })
  const next = await postChat(url, body, { headers: { 'idempotency-key': '"key-2"' } })
  t.equal(next.text, 'next', 'a new key is a new message')
  t.equal((await history('idem-1')).length, 4)

  const bad = await fetch(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'two words' }, body: JSON.stringify(body) })
  t.equal(bad.status, 400)
  t.match(await bad.json(), { code: 'INVALID_REQUEST', error: /Idempotency-Key/ })
})

t.test("a POST carrying the Last-Event-ID of the session's current reply is a resume; one of an older reply is a new message", async (t) => {
  const { url, mock, history } = await setup(t)
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 20 })
  const body = { message: 'hello', sessionId: 'leid-1' }
  const controller = new AbortController()
  const cut = await postChat(url, body, { signal: controller.signal, onEvent: (event) => { if (event.content === 'w2 ') controller.abort() } })
  const resumed = await postChat(url, body, { headers: { 'last-event-id': cut.ids.at(-1) as string } })
  t.equal(resumed.status, 200, 'not 409 while the reply streams')
  t.equal(cut.text + resumed.text, TOKENS.join(''))
  const again = await postChat(url, body, { headers: { 'last-event-id': resumed.ids.at(-1) as string } })
  t.equal(again.status, 200)
  t.same(again.events, [], 'nothing is left: an empty stream, which ends a client without a retry')
  t.same((await history('leid-1')).map(m => m.role), ['user', 'assistant'])

  mock.enqueue({ tokens: ['second'] })
  const newer = await postChat(url, { ...body, message: 'and now' })
  t.equal(newer.text, 'second')
  mock.enqueue({ tokens: ['third'] })
  const fromOlder = await postChat(url, { ...body, message: 'once more' }, { headers: { 'last-event-id': resumed.ids.at(-1) as string } })
  t.equal(fromOlder.text, 'third', 'an id of an older reply does not resume')
  t.equal((await history('leid-1')).length, 6)
})
