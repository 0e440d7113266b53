// The example chat app (examples/web-chat), built with Vite and driven in real Chromium against a live server.
import t from 'tap'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { build, listen } from '../helper.ts'
import { launchChromium, serveStatic } from './chromium.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

t.test('send a message, watch the reply stream in, see the notice and the crisis banner, stop, resume', async (t) => {
  const browser = await launchChromium(t)
  if (browser === undefined) return
  const dir = t.testdir()
  const outDir = join(dir, 'dist')
  // The example is its own npm project (React 19 must not meet tap's React 18); the root postinstall installs it.
  const example = join(root, 'examples/web-chat')
  await promisify(execFile)(process.execPath, [join(example, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: example })

  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '40', STREAM_RESUME_WINDOW_MS: '10000' } })
  const api = await listen(app)
  const site = await serveStatic(t, {}, outDir)
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${site}/?api=${encodeURIComponent(api)}`)
  const session = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('therapybot-session') as string)

  // A message; the reply appears while it streams, then completes.
  await page.getByLabel('Your message').fill('I have been feeling anxious about work')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('[data-testid="assistant"][data-status="streaming"]:not(:empty)')
  const partial = await page.textContent('[data-testid="assistant"]')
  await page.waitForSelector('[data-testid="assistant"][data-status="complete"]')
  const full = await page.textContent('[data-testid="assistant"]')
  t.ok((partial ?? '').length < (full ?? '').length, 'the reply was shown as it arrived')
  t.match(await page.textContent('[data-testid="notice"]'), /AI, not a person/)
  const stored = (await app.inject({ method: 'GET', url: `/sessions/${session}/messages` })).json().messages
  t.equal(full, stored[1].content)
  await page.screenshot({ path: join(dir, 'reply.png'), fullPage: true })

  // A crisis message: the banner with resources.
  await page.getByLabel('Your message').fill('I want to end my life')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('[data-testid="safety"]')
  t.match(await page.textContent('[data-testid="safety"]'), /988/)
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(4)[data-status="complete"]')
  await page.screenshot({ path: join(dir, 'crisis.png'), fullPage: true })

  // Stop: the reply ends early and says so.
  await page.getByLabel('Your message').fill('Can you tell me more about how you listen to people when they feel lonely?')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(6):not(:empty)')
  await page.getByRole('button', { name: 'Stop' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(6)[data-status="stopped"]')
  const afterStop = (await app.inject({ method: 'GET', url: `/sessions/${session}/messages` })).json().messages
  t.equal(afterStop[5].status, 'interrupted', 'stored as interrupted')

  // The connection drops mid-reply; the app resumes and shows the whole reply.
  await page.getByLabel('Your message').fill('My friends back home are busy and I feel alone most evenings')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(8):not(:empty)')
  // Cut every connection to the API, as a flaky network would: the stream breaks mid-reply.
  app.server.closeAllConnections()
  await page.waitForSelector('[data-testid="reconnecting"]')
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(8)[data-status="complete"]', { timeout: 15000 })
  const resumed = await page.textContent('li[data-testid="assistant"]:nth-of-type(8)')
  const final = (await app.inject({ method: 'GET', url: `/sessions/${session}/messages` })).json().messages
  t.equal(resumed, final[7].content, 'after the drop the app shows exactly the stored reply')
  await page.screenshot({ path: join(dir, 'resumed.png'), fullPage: true })
  t.comment(`screenshots in ${dir}`)
})
