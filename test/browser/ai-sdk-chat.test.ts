// The example's second page (examples/web-chat/ai-sdk.html), on the Vercel AI SDK's useChat with
// resume: true, built with Vite and driven in real Chromium against a live server.
import t from 'tap'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { build, listen } from '../support/helper.ts'
import { launchChromium, serveStatic } from '../support/chromium.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const browser = await launchChromium(t)
const outDir = join(t.testdir(), 'dist')
if (browser !== undefined) {
  const example = join(root, 'examples/web-chat')
  await promisify(execFile)(process.execPath, [join(example, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: example })
}

const assistant = (n: number): string => `li[data-testid="assistant"]:nth-of-type(${2 * n})`

t.test('useChat: send and stream, the notice and the crisis banner from data parts, reload and resume, stop', { skip: browser === undefined }, async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '40', STREAM_RESUME_WINDOW_MS: '10000' } })
  const api = await listen(app)
  const site = await serveStatic(t, {}, outDir)
  const context = await (browser as Browser).newContext({ viewport: { width: 390, height: 740 } })
  t.teardown(() => context.close())
  const page = await context.newPage()
  await page.goto(`${site}/ai-sdk.html?api=${encodeURIComponent(api)}`)
  await page.waitForSelector('textarea')
  const session = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('therapybot-ai-sdk-session') as string)
  const stored = async (): Promise<any[]> => {
    const response = await app.inject({ method: 'GET', url: `/sessions/${session}/messages` })
    return response.statusCode === 404 ? [] : response.json().messages
  }

  // Send; the reply streams in, then completes, as stored; the AI notice from its data part.
  await page.getByLabel('Your message').fill('I have been feeling anxious about work')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(`${assistant(1)}[data-status="streaming"]:not(:empty)`)
  const partial = await page.textContent(assistant(1))
  await page.waitForSelector(`${assistant(1)}[data-status="complete"]`)
  const full = await page.textContent(assistant(1))
  t.ok((partial ?? '').length < (full ?? '').length, 'shown as it arrived')
  t.equal(full, (await stored())[1].content)
  t.match(await page.textContent('[data-testid="notice"]'), /AI, not a person/)

  // A crisis message: the banner from the data-safety part.
  await page.getByLabel('Your message').fill('I want to end my life')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('[data-testid="safety"]')
  t.match(await page.textContent('[data-testid="safety"]'), /988/)
  await page.waitForSelector(`${assistant(2)}[data-status="complete"]`)

  // A reload mid-reply: the stored conversation, then the reply resumed from its start, to its end.
  await page.getByLabel('Your message').fill('My friends back home are busy and I feel alone most evenings')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(`${assistant(3)}[data-status="streaming"]:not(:empty)`)
  const resumes: number[] = []
  page.on('response', response => { if (response.url().includes('/ai-sdk/chat/') && response.url().endsWith('/stream')) resumes.push(response.status()) })
  await page.reload()
  await page.waitForSelector(`${assistant(3)}[data-status="complete"]`, { timeout: 15000 })
  const history = await stored()
  t.equal(history[5].status, 'complete')
  const shown = await page.$$eval('ol.turns > li', items => items.map(item => item.textContent))
  t.same(shown, history.map((message: any) => message.content), 'after the reload: the whole conversation, the resumed reply as stored, once')
  t.same(resumes, [200], 'the page resumed the reply still streaming')
  t.equal((await fetch(`${api}/ai-sdk/chat/${session}/stream`)).status, 204, 'nothing streams now')

  // Stop: the fetch is aborted and the server told; the reply is stored as interrupted.
  await page.getByLabel('Your message').fill('Can you tell me more about how you listen to people when they feel lonely?')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(`${assistant(4)}:not(:empty)`)
  await page.getByRole('button', { name: 'Stop' }).click()
  await page.waitForSelector(`${assistant(4)}[data-status="stopped"]`)
  let last = (await stored())[7]
  for (let i = 0; i < 100 && last?.status !== 'interrupted'; i++) {
    await new Promise(resolve => setTimeout(resolve, 20))
    last = (await stored())[7]
  }
  t.equal(last?.status, 'interrupted', 'stopped on the server too')
  await page.getByRole('button', { name: 'Send' }).waitFor()
})
