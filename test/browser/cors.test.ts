// In real Chromium, from a page on another origin: the seed README's fetch code and our client
// library get the whole reply, with credentials and a preflight for Authorization; an origin that
// is not on the CORS list is refused by the browser.
import t from 'tap'
import { Writable } from 'node:stream'
import { createSigner } from 'fast-jwt'
import { build, listen } from '../support/helper.ts'
import { IMPORT_MAP, launchChromium, serveStatic } from '../support/chromium.ts'

// The seed README's chatWithBot, as a page would have it (console.log replaced by collecting).
const PAGE = `<!doctype html><html><head>${IMPORT_MAP}</head><body>
<script type="module">
  import { chat } from '/client.js'

  window.chatWithBot = async function (api, message, sessionId, userId) {
    const received = []
    const response = await fetch(api + "/chat", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        message,
        sessionId,
        userId,
      }),
    });

    const reader = response.body.getReader();
    const decoder = new TextDecoder();

    while (true) {
      const { done, value } = await reader.read();
      if (done) break;

      const chunk = decoder.decode(value);
      const lines = chunk.split("\\n");

      for (const line of lines) {
        if (line.startsWith("data: ")) {
          const data = JSON.parse(line.slice(6));
          if (data.content) {
            received.push(data.content);
          } else if (data.error) {
            throw new Error(data.error);
          }
        }
      }
    }
    return received.join("")
  }

  window.libraryChat = async function (baseUrl, token, message, sessionId) {
    let text = ''
    const kinds = []
    for await (const event of chat({ baseUrl, token, message, sessionId, credentials: 'include' })) {
      kinds.push(event.type)
      if (event.type === 'content') text += event.content
    }
    return { text, kinds }
  }

  window.tryFetch = async function (url) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"message":"hi","sessionId":"x"}' })
      return 'status ' + response.status
    } catch (error) {
      return String(error)
    }
  }
  window.ready = true
</script></body></html>`

t.test('a page on another origin chats through the seed code and the client library', async (t) => {
  const browser = await launchChromium(t)
  if (browser === undefined) return
  const secret = 'browser-test-secret-0123456789abcd'
  const lines: any[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  const open = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '2' } })
  const guarded = await build(t, { logStream, env: { LOG_LEVEL: 'info', AUTH_JWT_SECRET: secret, REFLECTIVE_WORD_DELAY_MS: '2' } })
  const openUrl = await listen(open)
  const guardedUrl = await listen(guarded)
  const site = await serveStatic(t, { '/': PAGE })

  const page = await browser.newPage()
  await page.goto(site)
  await page.waitForFunction(() => (globalThis as any).ready === true)

  const seedText = await page.evaluate(([api]) => (globalThis as any).chatWithBot(api, 'I feel anxious about work', 'browser-seed', 'browser-user'), [openUrl])
  const stored = (await open.inject({ method: 'GET', url: '/sessions/browser-seed/messages?userId=browser-user' })).json().messages[1].content
  t.equal(seedText, stored, "the seed's code gets the whole reply")

  const token = createSigner({ key: secret, expiresIn: 600000 })({ sub: 'browser-user' })
  const result = await page.evaluate(([api, bearer]) => (globalThis as any).libraryChat(api, bearer, 'I feel lonely', 'browser-lib'), [guardedUrl, token])
  t.equal(result.kinds[0], 'notice')
  t.equal(result.kinds.at(-1), 'done')
  const storedLib = (await guarded.inject({ method: 'GET', url: '/sessions/browser-lib/messages', headers: { authorization: `Bearer ${token}` } })).json().messages[1].content
  t.equal(result.text, storedLib, 'the client library gets the whole reply, with credentials and a bearer token')
  // Request lines name the route pattern (the preflight's is '*'), not the URL.
  const preflight = lines.find(line => line.req?.method === 'OPTIONS')
  t.ok(preflight !== undefined, 'the browser sent a preflight for Authorization, and it passed')
})

t.test('an origin not on CORS_ORIGINS is refused by the browser', async (t) => {
  const browser = await launchChromium(t)
  if (browser === undefined) return
  const site = await serveStatic(t, { '/': PAGE })
  const strict = await build(t, { env: { CORS_ORIGINS: 'https://app.example.org' } })
  const strictUrl = await listen(strict)
  const allowed = await build(t, { env: { CORS_ORIGINS: `https://app.example.org,${site}` } })
  const allowedUrl = await listen(allowed)

  const page = await browser.newPage()
  await page.goto(site)
  await page.waitForFunction(() => (globalThis as any).ready === true)
  t.match(await page.evaluate(([url]) => (globalThis as any).tryFetch(url), [`${strictUrl}/chat`]), /TypeError: Failed to fetch/)
  t.equal(await page.evaluate(([url]) => (globalThis as any).tryFetch(url), [`${allowedUrl}/chat`]), 'status 200', 'the same page on the list gets through')
})
