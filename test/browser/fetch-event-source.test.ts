// @microsoft/fetch-event-source as it is, with its default retries, in real Chromium on another
// origin: a connection cut mid-reply and a tab hidden then shown again each re-POST /chat with
// Last-Event-ID, and the page ends with one stored message, one reply and no spliced text; the
// `: ping` comments (every 50 ms here) never reach JSON.parse.
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { build, listen } from '../support/helper.ts'
import { startAnthropicMock, type AnthropicMock } from '../support/mocks/anthropic.ts'
import { startCuttableProxy } from '../support/cuttable-proxy.ts'
import { launchChromium, serveStatic } from '../support/chromium.ts'

const TOKENS = Array.from({ length: 20 }, (_v, i) => `w${i} `)

// The README's client guide, as a page has it. `window.onEvent` lets the test act mid-reply.
const PAGE = `<!doctype html><html><body>
<script type="module">
  import { fetchEventSource, EventStreamContentType } from '/fetch-event-source/index'

  class Fatal extends Error {}
  window.follow = async function (api, message, sessionId) {
    const events = []
    const ids = []
    const posts = { count: 0, lastEventIds: [] }
    let parseFailures = 0
    let pings = 0
    await fetchEventSource(api + '/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, sessionId }),
      async onopen (res) {
        posts.count++
        if (res.ok && res.headers.get('content-type')?.startsWith(EventStreamContentType)) return
        throw new Fatal(String(res.status))
      },
      onmessage (ev) {
        if (!ev.data) { pings++; return } // a \`: ping\` comment
        let event
        try { event = JSON.parse(ev.data) } catch { parseFailures++; return }
        events.push(event)
        ids.push(ev.id)
        window.onEvent?.(event)
      },
      onerror (err) { if (err instanceof Fatal) throw err }
    })
    return { events, ids, posts, parseFailures, pings }
  }
  window.setHidden = function (hidden) {
    // Headless Chromium keeps every page visible; the library reads document.hidden on this event.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
    document.dispatchEvent(new Event('visibilitychange'))
  }
</script></body></html>`

async function setup (t: Test): Promise<{ api: string, page: Page, mock: AnthropicMock, history: (sessionId: string) => Promise<any[]> } | undefined> {
  const browser = await launchChromium(t)
  if (browser === undefined) return undefined
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, SSE_KEEPALIVE_MS: '50' } })
  const api = await listen(app)
  const site = await serveStatic(t, { '/': PAGE })
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${site}/`)
  await page.waitForFunction(() => typeof (globalThis as any).follow === 'function')
  const history = async (sessionId: string): Promise<any[]> => (await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages` })).json().messages
  return { api, page, mock, history }
}

function assertOneReply (t: Test, result: any, stored: any[]): void {
  t.same(stored.map(m => m.role), ['user', 'assistant'], 'the message was stored once, and one reply')
  t.equal(new Set(result.ids).size, result.ids.length, 'no event arrived twice')
  t.equal(result.events.filter((e: any) => 'content' in e).map((e: any) => e.content).join(''), TOKENS.join(''), 'the text on the page is the one reply, not spliced')
  t.equal(stored[1].content, TOKENS.join(''))
  t.match(result.events.at(-1), { done: true, messageId: stored[1].id })
  t.ok(result.pings > 0, 'pings arrived as messages with no data')
  t.equal(result.parseFailures, 0, 'every message with data was JSON')
  t.ok(result.posts.count >= 2, 'the library re-POSTed /chat')
}

t.test('fetch-event-source in Chromium: a connection cut mid-reply is retried by default and resumes the same reply', async (t) => {
  const ready = await setup(t)
  if (ready === undefined) return
  const { api, page, mock, history } = ready
  const proxy = await startCuttableProxy(api)
  t.teardown(() => proxy.close())
  let cuts = 0
  await page.exposeFunction('cutConnection', () => { cuts++; proxy.cut() })
  await page.evaluate(() => {
    let cut = false
    ;(globalThis as any).onEvent = (event: any) => {
      if (event.content === 'w3 ' && !cut) { cut = true; void (globalThis as any).cutConnection() }
    }
  })
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 40 })
  const result = await page.evaluate(([url]) => (globalThis as any).follow(url, 'hello', 'chromium-cut-1'), [proxy.url])
  t.equal(cuts, 1, 'the connection was cut')
  t.equal(mock.requests.length, 1, 'the model was asked once')
  assertOneReply(t, result, await history('chromium-cut-1'))
})

t.test('fetch-event-source in Chromium: a tab hidden mid-reply and shown again resumes the same reply', async (t) => {
  const ready = await setup(t)
  if (ready === undefined) return
  const { api, page, mock, history } = ready
  await page.evaluate(() => {
    let hidden = false
    const g = globalThis as any
    g.onEvent = (event: any) => {
      if (event.content === 'w3 ' && !hidden) {
        hidden = true
        g.setHidden(true) // the library aborts its request, and re-POSTs when the tab is shown
        setTimeout(() => g.setHidden(false), 300)
      }
    }
  })
  mock.enqueue({ tokens: TOKENS, tokenDelayMs: 40 })
  const result = await page.evaluate(([url]) => (globalThis as any).follow(url, 'hello', 'chromium-hide-1'), [api])
  t.equal(mock.requests.length, 1, 'the model was asked once')
  assertOneReply(t, result, await history('chromium-hide-1'))
  t.ok(result.posts.count === 2, 'one retry, after the tab was shown')
})
