// The example chat app (examples/web-chat), built with Vite and driven in real Chromium against a
// live server, on a phone-sized screen. WEB_CHAT_SCREENSHOTS=dir keeps the screenshots there (the
// README's come from it); else they go to the test's own folder.
import t, { type Test } from 'tap'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { build, listen } from '../support/helper.ts'
import { launchChromium, serveStatic } from '../support/chromium.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Whether the element is wholly in view (not under the message box pinned at the bottom, unless it
 * is part of it, nor cut off by the pinned header's own scrolling), and how far the page has scrolled.
 */
async function placement (page: Page, selector: string): Promise<{ inView: boolean, scrolled: number }> {
  return await page.$eval(selector, (element) => {
    const window = globalThis as any // the page's, in the browser
    const box = element.getBoundingClientRect()
    const form = window.document.querySelector('form')
    const header = element.closest('.pinned')?.getBoundingClientRect()
    const bottom = Math.min(window.innerHeight, form.contains(element) ? Infinity : form.getBoundingClientRect().top, header?.bottom ?? Infinity)
    return { inView: box.top >= (header?.top ?? 0) && box.bottom <= bottom + 1, scrolled: window.scrollY as number }
  })
}

const browser = await launchChromium(t)
const dir = t.testdir()
const outDir = join(dir, 'dist')
const shots = process.env.WEB_CHAT_SCREENSHOTS ?? dir
if (browser !== undefined) {
  // The example is its own npm project (React 19 must not meet tap's React 18); the root postinstall installs it.
  const example = join(root, 'examples/web-chat')
  await promisify(execFile)(process.execPath, [join(example, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: example })
}

/** A live server on these settings, and the built app open on it in a phone-sized page of its own. */
async function openChat (t: Test, env: Record<string, string>, query = '') {
  const app = await build(t, { env })
  const api = await listen(app)
  const site = await serveStatic(t, {}, outDir)
  const context = await (browser as Browser).newContext({ viewport: { width: 390, height: 740 }, isMobile: true, hasTouch: true })
  t.teardown(() => context.close())
  const page = await context.newPage()
  await page.goto(`${site}/?api=${encodeURIComponent(api)}${query}`)
  const session = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('therapybot-session') as string)
  const stored = async (): Promise<any[]> => {
    const response = await app.inject({ method: 'GET', url: `/sessions/${session}/messages` })
    return response.statusCode === 404 ? [] : response.json().messages
  }
  return { app, page, stored }
}

t.test('send a message, watch the reply stream in, see the notice and the crisis banner, stop, resume, reload', { skip: browser === undefined }, async (t) => {
  const { app, page, stored: history } = await openChat(t, { REFLECTIVE_WORD_DELAY_MS: '40', STREAM_RESUME_WINDOW_MS: '10000' })

  // A message; the reply appears while it streams, then completes.
  await page.getByLabel('Your message').fill('I have been feeling anxious about work')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('[data-testid="assistant"][data-status="streaming"]:not(:empty)')
  const partial = await page.textContent('[data-testid="assistant"]')
  await page.waitForSelector('[data-testid="assistant"][data-status="complete"]')
  const full = await page.textContent('[data-testid="assistant"]')
  t.ok((partial ?? '').length < (full ?? '').length, 'the reply was shown as it arrived')
  t.match(await page.textContent('[data-testid="notice"]'), /AI, not a person/)
  t.equal(full, (await history())[1].content)
  await page.screenshot({ path: join(shots, 'reply.png'), fullPage: true })

  // A crisis message: the banner with resources.
  await page.getByLabel('Your message').fill('I want to end my life')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('[data-testid="safety"]')
  t.match(await page.textContent('[data-testid="safety"]'), /988/)
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(4)[data-status="complete"]')
  await page.screenshot({ path: join(shots, 'crisis.png'), fullPage: true })

  // Stop: the reply ends early and says so.
  await page.getByLabel('Your message').fill('Can you tell me more about how you listen to people when they feel lonely?')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(6):not(:empty)')
  await page.getByRole('button', { name: 'Stop' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(6)[data-status="stopped"]')
  const afterStop = await history()
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
  const final = await history()
  t.equal(resumed, final[7].content, 'after the drop the app shows exactly the stored reply')
  await page.screenshot({ path: join(shots, 'resumed.png') })

  // A long conversation on a small screen: the page has followed the replies, and the notice and
  // the crisis banner are still pinned in view.
  const last = 'li[data-testid="assistant"]:nth-of-type(8)'
  const lastPlace = await placement(page, last)
  t.ok(lastPlace.scrolled > 0, 'the conversation is longer than the screen')
  t.ok(lastPlace.inView, 'the page followed the newest reply')
  t.ok((await placement(page, '[data-testid="notice"]')).inView, 'the AI notice stays in view')
  const bannerPlace = await placement(page, '[data-testid="safety"] summary')
  t.ok(bannerPlace.inView, 'the crisis banner stays in view')
  // The banner folds to its heading, which stays pinned, and opens again.
  await page.click('[data-testid="safety"] summary')
  t.equal(await page.$eval('[data-testid="safety"]', element => (element as any).open), false)
  await page.screenshot({ path: join(shots, 'banner-folded.png') })
  await page.click('[data-testid="safety"] summary')
  t.equal(await page.isVisible('[data-testid="safety"] li'), true, 'the resources open again')

  // A reload: the session lives on, and the page shows it again, with the notice and the banner.
  await page.reload()
  await page.waitForSelector(`${last}[data-status="complete"]`)
  const shown = await page.$$eval('ol.turns > li', items => items.map(item => ({ role: item.getAttribute('data-testid'), text: item.firstChild?.textContent ?? '' })))
  t.same(shown, final.map((message: any) => ({ role: message.role, text: message.content })), 'after a reload the whole conversation is shown again')
  t.match(await page.textContent('[data-testid="notice"]'), /AI, not a person/, 'the AI notice after a reload')
  t.match(await page.textContent('[data-testid="safety"]'), /988/, 'the crisis resources after a reload')
  t.ok((await placement(page, last)).inView, 'a reload opens at the newest reply')
  await page.screenshot({ path: join(shots, 'reloaded.png') })

  // The conversation goes on after the reload, in the same session.
  await page.getByLabel('Your message').fill('Thank you, that helps a little')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(10)[data-status="complete"]')
  t.ok((await placement(page, 'li[data-testid="assistant"]:nth-of-type(10)')).inView, 'the page follows the reply after a reload')
  t.equal((await history()).length, 10)
  t.comment(`screenshots in ${shots}`)
})

t.test('a message over the limit: told plainly, not sent, the text kept in the box to split', { skip: browser === undefined }, async (t) => {
  const { page, stored } = await openChat(t, { MAX_MESSAGE_CHARS: '60' })
  const box = page.getByLabel('Your message')
  const long = 'Work has been so much this month and I am tired. My manager keeps adding tasks and I say yes.'
  await box.fill(long)
  await page.getByRole('button', { name: 'Send' }).click()
  const said = await (await page.waitForSelector('[data-testid="error"]')).textContent()
  t.match(said, /too long.*limit is 60 characters.*not sent.*still in the box.*split/, 'the user is told why, the limit, and what to do')
  t.ok((await placement(page, '[data-testid="error"]')).inView, 'beside the box, on screen')
  await page.waitForFunction((text) => (globalThis as any).document.querySelector('textarea').value === text, long)
  t.equal(await page.$$eval('ol.turns > li', items => items.length), 0, 'nothing was added to the conversation')
  t.same(await stored(), [], 'nothing was stored')
  t.equal(await page.textContent('[data-testid="count"]'), `${long.length} / 60`, 'a count against the limit')
  await page.screenshot({ path: join(shots, 'too-long.png') })

  // Split in two, each goes through.
  const cut = long.indexOf(' My manager')
  await box.fill(long.slice(0, cut))
  t.notMatch(await page.getAttribute('[data-testid="count"]', 'class'), /over/, 'the first part fits')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(2)[data-status="complete"]')
  t.equal(await page.isVisible('[data-testid="error"]'), false, 'the warning goes once a message is sent')
  await box.fill(long.slice(cut + 1))
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(4)[data-status="complete"]')
  t.same((await stored()).filter(m => m.role === 'user').map(m => m.content), [long.slice(0, cut), long.slice(cut + 1)])
})

t.test('a reply the offline listener gave because the model failed has a quiet note, after a reload too', { skip: browser === undefined }, async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  mock.defaultReply = { status: 529 }
  const { page, stored } = await openChat(t, { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, AGENT_MAX_RETRIES: '0', AGENT_FALLBACK: 'reflective' })
  const first = 'li[data-testid="assistant"]:nth-of-type(2)'
  const second = 'li[data-testid="assistant"]:nth-of-type(4)'
  await page.getByLabel('Your message').fill('I have been feeling anxious about work')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(`${first}[data-status="complete"]`)
  t.match(await page.textContent(`${first} [data-testid="fallback"]`), /model could not be reached.*built-in listener/, 'the note says what happened')
  t.equal(await page.$eval(first, item => item.firstChild?.textContent), (await stored())[1].content, 'the reply itself is shown as stored')
  t.equal(await page.isVisible('[data-testid="error"]'), false, 'not an error')
  await page.screenshot({ path: join(shots, 'fallback.png') })

  mock.enqueue({ tokens: ['That ', 'sounds ', 'hard.'] })
  await page.getByLabel('Your message').fill('It has been going on for weeks')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(`${second}[data-status="complete"]`)
  t.equal(await page.textContent(second), 'That sounds hard.', 'the model answered: no note')

  await page.reload()
  await page.waitForSelector(`${second}[data-status="complete"]`)
  t.equal(await page.$$eval('[data-testid="fallback"]', notes => notes.length), 1, 'after a reload the note is on the fallback reply only')
  t.ok(await page.isVisible(`${first} [data-testid="fallback"]`))
})

t.test("a minor sees the AI disclosure, the suitability notice and break reminders, pinned in view", { skip: browser === undefined }, async (t) => {
  const { page } = await openChat(t, { BREAK_REMINDER_INTERVAL_MS: '1' }, '&minor=true')
  const notice = (kind: string): string => `[data-testid="notice"][data-kind="${kind}"]`
  await page.getByLabel('Your message').fill('school has been a lot lately')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(2)[data-status="complete"]')
  t.match(await page.textContent(notice('ai_disclosure')), /AI, not a person/)
  t.match(await page.textContent(notice('minor_suitability')), /may not be suitable for some minors/)
  for (const kind of ['ai_disclosure', 'minor_suitability']) t.ok((await placement(page, notice(kind))).inView, `${kind} is in view`)
  t.equal(await page.isVisible(notice('break_reminder')), false, 'no break reminder at the start')
  await page.screenshot({ path: join(shots, 'minor.png') })

  // The interval has passed by the next message: a break reminder, shown until it is read.
  await page.getByLabel('Your message').fill('and my friends are busy')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector(notice('break_reminder'))
  t.match(await page.textContent(notice('break_reminder')), /take a break/)
  t.ok((await placement(page, notice('break_reminder'))).inView, 'the break reminder is in view')
  t.ok(await page.isVisible(notice('minor_suitability')), 'the suitability notice stays')
  await page.screenshot({ path: join(shots, 'break-reminder.png') })
  await page.click(`${notice('break_reminder')} button`)
  await page.waitForSelector(notice('break_reminder'), { state: 'detached' })

  await page.reload()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(4)[data-status="complete"]')
  t.same(await page.$$eval('[data-testid="notice"]', items => items.map(item => item.getAttribute('data-kind'))), ['ai_disclosure', 'minor_suitability'], 'after a reload: both notices, not the reminder already read')
})

t.test('a reload while a reply streams: the conversation comes back and the rest of the reply arrives', { skip: browser === undefined }, async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  // The model holds the second reply after four words until the test lets it go on.
  let goOn = (): void => {}
  const open = new Promise<void>(resolve => { goOn = resolve })
  t.teardown(goOn)
  const words = ['It ', 'sounds ', 'like ', 'work ', 'has ', 'been ', 'heavy. ', 'What ', 'part ', 'weighs ', 'most?']
  mock.enqueue({ tokens: ['Hello', ' there.'] }, { tokens: words, gate: { before: 4, open } })
  const { page, stored } = await openChat(t, { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url })
  const reply = 'li[data-testid="assistant"]:nth-of-type(4)'
  const textOf = async (selector: string): Promise<string | undefined> => await page.$eval(selector, item => item.firstChild?.textContent ?? '')
  await page.getByLabel('Your message').fill('hi')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.waitForSelector('li[data-testid="assistant"]:nth-of-type(2)[data-status="complete"]')
  await page.getByLabel('Your message').fill('work has been a lot')
  await page.getByRole('button', { name: 'Send' }).click()
  const soFar = words.slice(0, 4).join('')
  await page.waitForFunction(([selector, text]) => (globalThis as any).document.querySelector(selector)?.firstChild?.textContent === text, [reply, soFar] as const)

  await page.reload()
  await page.waitForSelector(`${reply}[data-status="streaming"]`)
  t.same(await page.$$eval('ol.turns > li', items => items.map(item => item.firstChild?.textContent ?? '')), ['hi', 'Hello there.', 'work has been a lot', soFar], 'after the reload: the conversation and the reply so far')
  t.equal(await page.getByRole('button', { name: 'Stop' }).isEnabled(), true, 'the reply can still be stopped')
  await page.screenshot({ path: join(shots, 'reload-mid-reply.png') })

  goOn()
  await page.waitForSelector(`${reply}[data-status="complete"]`)
  t.equal(await textOf(reply), words.join(''), 'the rest of the reply arrived, nothing twice')
  t.equal((await stored())[3]?.content, words.join(''), 'as stored')
  t.equal(mock.requests.length, 2, 'one model request for the reply, not a second one')
  t.equal(await page.isVisible('[data-testid="error"]'), false)

  // A reload after the reply ended shows it as stored, and follows nothing.
  await page.reload()
  await page.waitForSelector(`${reply}[data-status="complete"]`)
  t.equal(await textOf(reply), words.join(''))
})
