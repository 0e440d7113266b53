// The crisis protocol and the AI disclosure, as a user sees them in the stream.
import t, { type Test } from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, listen, postChat } from '../support/helper.ts'
import { startAnthropicMock, systemText } from '../support/mocks/anthropic.ts'
import { CRISIS_REPLIES } from '../../src/safety/messages.ts'

async function anthropicApp (t: Test) {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url } })
  return { mock, app, url: await listen(app) }
}

t.test('a crisis message gets the safety event first, the fixed crisis reply, and a flag on the session', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const stream = await postChat(url, { message: "i've decided, i'm ending it all tonight", sessionId: 'crisis-1', userId: 'u1' })
  t.same(stream.sequence.slice(0, 3), ['safety', 'notice', 'content'], 'the resources come before the AI notice')
  const safety = stream.events[0].safety
  t.match(safety, { level: 'crisis', category: 'self_harm', message: /not alone|don't have to face it alone/ })
  const names = safety.resources.map((r: any) => r.name)
  t.ok(safety.resources.some((r: any) => r.phone === '988'), '988 is offered')
  t.ok(safety.resources.some((r: any) => r.phone === '911'), 'emergency services are offered')
  t.ok(names.some((name: string) => /international/i.test(name)), 'an international directory is offered')
  t.notOk(names.some((name: string) => /Domestic Violence/.test(name)), 'abuse-only resources are left out')
  t.equal(stream.text, CRISIS_REPLIES.self_harm)
  t.notMatch(stream.text, /\b(pills|rope|method|how to)\b/i, 'never discusses methods')
  t.match(stream.events.at(-1), { done: true })

  const history = (await app.inject({ method: 'GET', url: '/sessions/crisis-1/messages?userId=u1' })).json()
  t.equal(history.safetyFlags.length, 1)
  t.match(history.safetyFlags[0], { level: 'crisis', category: 'self_harm', createdAt: String })
  t.ok(history.safetyFlags[0].signals.includes('self_harm.plan'), 'the flag names the signals that fired')
  t.same(Object.keys(history.safetyFlags[0]).sort(), ['category', 'createdAt', 'level', 'signals'], 'the flag holds no text')
  t.ok(history.safetyFlags[0].signals.every((name: string) => /^[a-z_]+\.[a-z_]+$/.test(name)), 'signals are names, not words of the message')
})

t.test('abuse brings the domestic violence hotline; figures of speech bring nothing', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const abuse = await postChat(url, { message: 'my husband hits me when he drinks', sessionId: 'abuse-1' })
  t.equal(abuse.events[0].safety.category, 'abuse')
  t.ok(abuse.events[0].safety.resources.some((r: any) => /Domestic Violence/.test(r.name)))
  t.equal(abuse.text, CRISIS_REPLIES.abuse)

  const figure = await postChat(url, { message: 'this deadline is killing me', sessionId: 'figure-1' })
  t.notOk(figure.events.some(e => 'safety' in e))
  const history = (await app.inject({ method: 'GET', url: '/sessions/figure-1/messages' })).json()
  t.same(history.safetyFlags, [])
})

t.test('a plain goodbye brings no resources; a goodbye that says more still does', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  for (const [index, message] of ['goodbye', 'Goodbye!', 'ok bye, thanks', 'good night', 'thank you, see you tomorrow', 'bye for now', 'ttyl', 'take care'].entries()) {
    const stream = await postChat(url, { message, sessionId: `bye-${index}` })
    t.notOk(stream.events.some(e => 'safety' in e), `${message}: no safety event`)
    t.match(stream.events.at(-1), { done: true })
  }
  for (const [index, message] of ['goodbye forever, this is the last time you will hear from me', "bye. i've taken all my pills"].entries()) {
    const stream = await postChat(url, { message, sessionId: `last-bye-${index}` })
    t.match(stream.events[0], { safety: { level: 'crisis', category: 'self_harm' } }, `${message}: the protocol fires`)
  }
})

t.test('with a model, a flagged message adds the crisis instruction to the system prompt', async (t) => {
  const { mock, url } = await anthropicApp(t)
  await postChat(url, { message: 'I feel fine today', sessionId: 'model-1' })
  t.notMatch(systemText(mock.requests[0]?.body), /SAFETY:/)
  await postChat(url, { message: 'I want to kill myself', sessionId: 'model-1' })
  t.match(systemText(mock.requests[1]?.body), /SAFETY: .*suicide or self-harm/)
  t.match(systemText(mock.requests[1]?.body), /Never describe, compare or discuss methods/)
})

t.test('if the model fails during a flagged reply the stream still ends with the crisis resources', async (t) => {
  const { mock, url } = await anthropicApp(t)
  mock.enqueue({ tokens: ['I hear ', 'you'], errorAfter: 1 })
  const stream = await postChat(url, { message: 'i want to die', sessionId: 'fail-1' })
  t.same(stream.sequence, ['safety', 'notice', 'content', 'safety', 'error'])
  t.same(stream.events.at(-2), stream.events[0], 'the same resources again, just before the error')
})

t.test('if the model refuses a flagged reply the resources come again before done', async (t) => {
  const { mock, url } = await anthropicApp(t)
  mock.enqueue({ tokens: ["I can't help with that."], stopReason: 'refusal' })
  const stream = await postChat(url, { message: 'i want to die', sessionId: 'refuse-1' })
  t.same(stream.sequence, ['safety', 'notice', 'content', 'safety', 'done'])
  t.match(stream.events.at(-1), { done: true, stopReason: 'refusal' })
})

t.test('the AI notice opens a session and comes again after three hours', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const first = await postChat(url, { message: 'hello', sessionId: 'notice-1', userId: 'u1' })
  t.equal(first.sequence[0], 'notice')
  t.match(first.events[0].notice.message, /not a replacement for professional care/)
  const second = await postChat(url, { message: 'I feel anxious', sessionId: 'notice-1', userId: 'u1' })
  t.notOk(second.events.some(e => 'notice' in e), 'not on every reply')

  const key = { userId: 'u1', sessionId: 'notice-1' }
  await app.store.setNoticeMark(key, 'ai_disclosure', new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString())
  const twoHours = await postChat(url, { message: 'still here', sessionId: 'notice-1', userId: 'u1' })
  t.notOk(twoHours.events.some(e => 'notice' in e), 'not within three hours')
  await app.store.setNoticeMark(key, 'ai_disclosure', new Date(Date.now() - 3 * 60 * 60 * 1000 - 1000).toISOString())
  const later = await postChat(url, { message: 'back again', sessionId: 'notice-1', userId: 'u1' })
  t.equal(later.sequence[0], 'notice', 'again after three hours')
})

t.test('asking whether it is a person gets a plain answer; GET / carries the disclosure', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const stream = await postChat(url, { message: 'wait, are you a real person?', sessionId: 'human-1' })
  t.match(stream.text, /^I'm not a person: I'm an AI/)
  const info = (await app.inject({ method: 'GET', url: '/' })).json()
  t.match(info.disclosure, /AI, not a person/)
})

t.test('CRISIS_RESOURCES_FILE replaces the resources; a bad file stops the boot naming it', async (t) => {
  const dir = t.testdir()
  const file = join(dir, 'resources.json')
  writeFileSync(file, JSON.stringify({ message: 'Help is close.', resources: [{ name: 'Samaritans (UK)', phone: '116 123' }] }))
  const app = await build(t, { env: { CRISIS_RESOURCES_FILE: file } })
  const res = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'I want to end my life', sessionId: 'uk-1' } })
  t.match(res.body, /"safety":\{"level":"crisis","category":"self_harm","message":"Help is close.","resources":\[\{"name":"Samaritans \(UK\)","phone":"116 123"\}\]\}/)

  writeFileSync(file, JSON.stringify({ resources: [] }))
  await t.rejects(build(t, { env: { CRISIS_RESOURCES_FILE: file } }), /CRISIS_RESOURCES_FILE/)
})

t.test("the resources follow where the user says or shows they are; until then the default region's, with the directory", async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const phones = (stream: { events: any[] }) => stream.events.find(e => 'safety' in e)?.safety.resources.map((r: any) => r.phone ?? r.url)
  const unknown = await postChat(url, { message: 'i want to end my life', sessionId: 'region-none' })
  t.ok(phones(unknown).includes('988'), 'no place said: the default region (US)')
  t.ok(phones(unknown).includes('https://findahelpline.com'), 'and the international directory')
  t.notOk(phones(unknown).includes('116 123'), "no other region's lines")

  const cases: Array<[string, string, string, string]> = [
    ["i'm in the UK btw", 'i want to end my life', '116 123', '999'],
    ['at uni in leeds and everything is falling apart', 'i cut myself last night and it is deep', '116 123', '999'],
    ["i don't want to go to A&E, they'll judge me", 'i want to die', '116 123', '999'],
    ['I live in Melbourne with my partner', 'he hits me when he drinks', '1800 737 732', '000'],
    ['moved to Toronto last year for work', 'I have pills saved up and I am going to take them tonight', '988', '911'],
    ["I'm from Dublin", 'my husband hits me', '1800 341 900', '112'],
    ['here in Auckland it rains all the time', 'i want to kill myself', '1737', '111']
  ]
  for (const [index, [where, risk, line, emergency]] of cases.entries()) {
    const sessionId = `region-${index}`
    await postChat(url, { message: where, sessionId })
    const flagged = await postChat(url, { message: risk, sessionId })
    const shown = phones(flagged)
    t.ok(shown?.includes(line), `${where} → ${line}`)
    t.ok(shown?.includes(emergency), `${where} → emergency ${emergency}`)
    t.notOk(shown?.includes('1-800-799-7233'), `${where}: not the US abuse hotline`)
    t.ok(shown?.includes('https://findahelpline.com'), `${where}: the directory still`)
  }

  // "us" the pronoun places nobody; saying where they are not leaves the default.
  await postChat(url, { message: 'my parents took us to the beach and it was awful', sessionId: 'region-pronoun' })
  t.ok(phones(await postChat(url, { message: 'i want to die', sessionId: 'region-pronoun' })).includes('988'))
})

t.test('in a country with no lines of its own, the directory and the local emergency number, never US numbers', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const cases: Array<[string, string]> = [
    ['i moved to the netherlands two years ago for work', 'i want to end my life'],
    ['im from brazil, sorry for my english', 'i want to kill myself tonight'],
    ["I came to Germany for my master's and I know nobody", 'my boyfriend hits me when he is drunk'],
    ['here in India nobody talks about this', 'i cut myself again last night and it is deep'],
    ['living in São Tomé is lonely', 'i have pills saved up and i am going to take them'],
    ['we are in Türkiye for my dad\'s job', 'i want to die']
  ]
  for (const [index, [where, risk]] of cases.entries()) {
    const sessionId = `elsewhere-${index}`
    await postChat(url, { message: where, sessionId })
    const flagged = await postChat(url, { message: risk, sessionId })
    const resources: any[] = flagged.events.find(e => 'safety' in e)?.safety.resources ?? []
    t.ok(resources.some(r => r.url === 'https://findahelpline.com'), `${where}: the directory`)
    t.ok(resources.some(r => /local emergency number/.test(r.description)), `${where}: the local emergency number`)
    t.notOk(resources.some(r => /\((US|UK|Canada|Ireland|Australia|New Zealand)\)/.test(r.name)), `${where}: no country's own lines`)
    t.notMatch(flagged.text, /988|911|1-800/, `${where}: the reply names no US number: ${flagged.text}`)
    t.match(flagged.text, /local (crisis line|emergency number)|findahelpline/, `${where}: and says where to turn`)
  }
  // A country talked about, or a first name, places nobody.
  for (const [index, where] of ['i watched a documentary about japan last night', 'jordan from work keeps ignoring me'].entries()) {
    const sessionId = `not-elsewhere-${index}`
    await postChat(url, { message: where, sessionId })
    const flagged = await postChat(url, { message: 'i want to end my life', sessionId })
    t.ok(flagged.events.find(e => 'safety' in e)?.safety.resources.some((r: any) => r.phone === '988'), `${where}: still the default region`)
  }
})

t.test('a message refused as too long still brings the crisis resources when what it says trips the screen; nothing is stored', async (t) => {
  const app = await build(t, { env: { MAX_MESSAGE_CHARS: '200' } })
  const diary = 'Today was long again. I went to work, came home, made dinner and watched something I do not remember. '
  const risky = `${diary}I live in Manchester now. Honestly it would be easier if I just did not wake up in the morning. ${diary}`
  const refused = await app.inject({ method: 'POST', url: '/chat', payload: { message: risky, sessionId: 'long-risk', userId: 'u' } })
  t.equal(refused.statusCode, 400)
  const body = refused.json()
  t.equal(body.code, 'MESSAGE_TOO_LONG')
  t.match(body.safety, { level: 'elevated', category: 'self_harm' })
  t.ok(body.safety.resources.some((r: any) => r.phone === '116 123'), 'the region said in the text')
  const aiSdk = await app.inject({ method: 'POST', url: '/ai-sdk/chat', payload: { id: 'long-risk-2', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: risky }] }] }, headers: { 'x-user-id': 'u' } })
  t.equal(aiSdk.statusCode, 400)
  t.equal(aiSdk.json().safety?.category, 'self_harm', 'the AI SDK route too')
  const plain = await app.inject({ method: 'POST', url: '/chat', payload: { message: diary.repeat(3), sessionId: 'long-plain', userId: 'u' } })
  t.equal(plain.statusCode, 400)
  t.notOk('safety' in plain.json(), 'an everyday long message brings only the refusal')
  const history = await app.inject({ method: 'GET', url: '/sessions/long-risk/messages', headers: { 'x-user-id': 'u' } })
  t.same(history.statusCode === 404 ? [] : history.json().messages, [], 'nothing stored')
})

t.test('a resources file without regions shows all of its resources wherever the user is', async (t) => {
  const file = join(t.testdir(), 'resources.json')
  writeFileSync(file, JSON.stringify({ message: 'Help is close.', resources: [{ name: 'Local line', phone: '123' }, { name: 'Other line', phone: '456' }] }))
  const app = await build(t, { env: { CRISIS_RESOURCES_FILE: file } })
  const url = await listen(app)
  await postChat(url, { message: "I'm in the UK", sessionId: 'plain-file' })
  const flagged = await postChat(url, { message: 'I want to end my life', sessionId: 'plain-file' })
  t.same(flagged.events[0].safety.resources, [{ name: 'Local line', phone: '123' }, { name: 'Other line', phone: '456' }])
})
