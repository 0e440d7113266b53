// Compliance profiles as a user and an operator see them: which notices open a reply, when they come
// again, a minor's reminders, and what stops the boot.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createSigner } from 'fast-jwt'
import type { FastifyInstance } from 'fastify'
import { build, listen } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { startAnthropicMock, systemText } from '../support/mocks/anthropic.ts'

const SECRET = 'a-test-secret-of-enough-length-123456'
const token = (claims: object): string => createSigner({ key: SECRET, expiresIn: 600000 })({ sub: 'teen', ...claims })

async function chat (app: FastifyInstance, payload: object, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: 's1', ...payload }, headers })
  if (res.statusCode !== 200) throw new Error(`chat answered ${res.statusCode}: ${res.body}`)
  const events = sseEvents(res.body).map(event => event.data)
  return { events, notices: events.filter(event => 'notice' in event).map(event => event.notice.kind as string) }
}

/** Waits until the session's last reply is stored (it is written as the stream ends). */
async function settled (app: FastifyInstance, key: { userId: string, sessionId: string }): Promise<void> {
  while ((await app.store.listMessages(key, { limit: 1 }))[0]?.role !== 'assistant') await sleep(5)
}

t.test('GET / lists the active profiles; the default set is New York, California, Utah and the EU', async (t) => {
  const app = await build(t)
  const info = (await app.inject({ method: 'GET', url: '/' })).json()
  t.same(info.compliance.profiles.map((p: any) => p.id), ['us-ny', 'us-ca', 'us-ut', 'eu'])
  t.ok(info.compliance.profiles.every((p: any) => /^https:\/\//.test(p.source)), 'each names its source')
  const wa = await build(t, { env: { COMPLIANCE_PROFILES: 'us-wa, us-or' } })
  t.same((await wa.inject({ method: 'GET', url: '/' })).json().compliance.profiles.map((p: any) => p.id), ['us-wa', 'us-or'])
})

t.test('the AI disclosure opens a session, not every reply, and comes again after DISCLOSURE_INTERVAL_MS', async (t) => {
  const app = await build(t, { env: { DISCLOSURE_INTERVAL_MS: '1000' } })
  const first = await chat(app, {})
  t.same(first.notices, ['ai_disclosure'])
  t.match(first.events[0].notice.message, /AI, not a person/)
  t.same((await chat(app, { message: 'I feel anxious' })).notices, [], 'not on the next reply')
  await sleep(1100)
  t.same((await chat(app, { message: 'still here' })).notices, ['ai_disclosure'], 'again once the interval has passed')
  t.same((await chat(app, { message: 'ok' })).notices, [])
})

t.test('after a crisis message the safety event still comes first, then the notices', async (t) => {
  const app = await build(t)
  const { events } = await chat(app, { message: 'i want to kill myself', minor: true })
  t.same(events.slice(0, 3).map(event => Object.keys(event)[0]), ['safety', 'notice', 'notice'])
})

t.test('Utah: asking whether it is an AI brings the disclosure; without Utah it does not', async (t) => {
  const app = await build(t)
  await chat(app, {})
  t.same((await chat(app, { message: 'wait, are you a bot?' })).notices, ['ai_disclosure'])
  t.same((await chat(app, { message: 'am I talking to a real person' })).notices, ['ai_disclosure'])
  t.same((await chat(app, { message: 'my bot of a boss is a robot' })).notices, [], 'a word alone is not a question')

  const ny = await build(t, { env: { COMPLIANCE_PROFILES: 'us-ny' } })
  await chat(ny, {})
  t.same((await chat(ny, { message: 'wait, are you a bot?' })).notices, [])
})

t.test('Utah: a session used again after 7 idle days shows the disclosure; DISCLOSURE_IDLE_DAYS changes the span', async (t) => {
  // Utah alone: no three-hour interval to blur the idle rule.
  const app = await build(t, { env: { COMPLIANCE_PROFILES: 'us-ut' } })
  const key = { userId: 'u1', sessionId: 'idle-1' }
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
  await chat(app, { userId: 'u1', sessionId: 'idle-1' })
  await settled(app, key)
  // The session's last message, as if it had been written days ago.
  await app.store.appendMessage(key, { id: 'old-1', role: 'assistant', content: 'earlier', status: 'complete', createdAt: daysAgo(6) })
  t.same((await chat(app, { userId: 'u1', sessionId: 'idle-1', message: 'back' })).notices, [], 'six days: not yet')
  await settled(app, key)
  await app.store.appendMessage(key, { id: 'old-2', role: 'assistant', content: 'earlier', status: 'complete', createdAt: daysAgo(8) })
  t.same((await chat(app, { userId: 'u1', sessionId: 'idle-1', message: 'back again' })).notices, ['ai_disclosure'], 'eight days: again')

  const strict = await build(t, { env: { COMPLIANCE_PROFILES: 'us-ut', DISCLOSURE_IDLE_DAYS: '1' } })
  await chat(strict, { userId: 'u1', sessionId: 'idle-2' })
  const key2 = { userId: 'u1', sessionId: 'idle-2' }
  await settled(strict, key2)
  await strict.store.appendMessage(key2, { id: 'old-3', role: 'assistant', content: 'earlier', status: 'complete', createdAt: daysAgo(2) })
  t.same((await chat(strict, { userId: 'u1', sessionId: 'idle-2', message: 'hi' })).notices, ['ai_disclosure'])
})

t.test('a minor (auth off: the body says so) gets the suitability notice, then break reminders; an adult does not', async (t) => {
  const app = await build(t, { env: { BREAK_REMINDER_INTERVAL_MS: '1000' } })
  const first = await chat(app, { sessionId: 'teen-1', minor: true })
  t.same(first.notices, ['ai_disclosure', 'minor_suitability'])
  t.match(first.events[1].notice.message, /may not be suitable for some minors/)
  t.same((await chat(app, { sessionId: 'teen-1', minor: true, message: 'ok' })).notices, [], 'once, not on every reply')
  t.same((await chat(app, { sessionId: 'adult-1' })).notices, ['ai_disclosure'])
  await sleep(1100)
  const later = await chat(app, { sessionId: 'teen-1', minor: true, message: 'still here' })
  t.same(later.notices, ['break_reminder'])
  t.match(later.events[0].notice.message, /take a break/)
  t.same((await chat(app, { sessionId: 'teen-1', minor: true, message: 'and now' })).notices, [], 'the next one waits for the interval')
  t.same((await chat(app, { sessionId: 'adult-1', message: 'still here' })).notices, [], 'adults get no break reminder')
})

t.test('with auth on, the token decides: a minor claim or an age under 18; the body cannot', async (t) => {
  const app = await build(t, { env: { AUTH_JWT_SECRET: SECRET, AUTH_AGE_CLAIM: 'age' } })
  const as = (claims: object) => ({ authorization: `Bearer ${token(claims)}` })
  t.same((await chat(app, { sessionId: 'c1' }, as({ minor: true }))).notices, ['ai_disclosure', 'minor_suitability'])
  t.same((await chat(app, { sessionId: 'c2' }, as({ age: 15 }))).notices, ['ai_disclosure', 'minor_suitability'])
  t.same((await chat(app, { sessionId: 'c3' }, as({ age: 30 }))).notices, ['ai_disclosure'])
  t.same((await chat(app, { sessionId: 'c4', minor: true }, as({}))).notices, ['ai_disclosure'], 'the body is not believed over the token')

  const named = await build(t, { env: { AUTH_JWT_SECRET: SECRET, AUTH_MINOR_CLAIM: 'is_child' } })
  t.same((await chat(named, { sessionId: 'c5' }, as({ is_child: true }))).notices, ['ai_disclosure', 'minor_suitability'])
  t.same((await chat(named, { sessionId: 'c6' }, as({ minor: true }))).notices, ['ai_disclosure'], 'only the configured claim counts')
})

t.test('Washington: a minor is told hourly, an adult every three hours (the strictest rule of the set)', async (t) => {
  const app = await build(t, { env: { COMPLIANCE_PROFILES: 'us-wa' } })
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60 * 1000).toISOString()
  for (const [sessionId, minor] of [['wa-teen', true], ['wa-adult', false]] as const) {
    await chat(app, { userId: 'u1', sessionId, minor })
    await app.store.setNoticeMark({ userId: 'u1', sessionId }, 'ai_disclosure', ago(61))
  }
  t.same((await chat(app, { userId: 'u1', sessionId: 'wa-teen', minor: true, message: 'hi' })).notices, ['ai_disclosure'])
  t.same((await chat(app, { userId: 'u1', sessionId: 'wa-adult', message: 'hi' })).notices, [])
  await app.store.setNoticeMark({ userId: 'u1', sessionId: 'wa-adult' }, 'ai_disclosure', ago(181))
  t.same((await chat(app, { userId: 'u1', sessionId: 'wa-adult', message: 'hi' })).notices, ['ai_disclosure'])
})

t.test('notice times are kept on the session: a restart does not show the disclosure again', async (t) => {
  const dir = t.testdir()
  const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'db.sqlite') }
  const before = await build(t, { env })
  t.same((await chat(before, { sessionId: 'r1' })).notices, ['ai_disclosure'])
  await before.close()
  const after = await build(t, { env })
  t.same((await chat(after, { sessionId: 'r1', message: 'again' })).notices, [])
  await after.inject({ method: 'DELETE', url: '/sessions/r1' })
  t.same((await chat(after, { sessionId: 'r1', message: 'new start' })).notices, ['ai_disclosure'], 'an erased session starts over')
})

t.test('Illinois and Nevada: the model is told never to call itself therapy; the default set adds nothing', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const env = { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url }
  const il = await build(t, { env: { ...env, COMPLIANCE_PROFILES: 'us-il,us-nv' } })
  mock.enqueue({ tokens: ['Hi'] })
  await chat(il, {})
  const prompt = systemText(mock.requests.at(-1)?.body)
  t.match(prompt, /never describe yourself or this service with these words/)
  t.match(prompt, /"therapist"/)
  t.match(prompt, /"counselor"/)
  t.match(prompt, /You are TherapyBot/, 'after the operator\'s own prompt')

  const plain = await build(t, { env })
  mock.enqueue({ tokens: ['Hi'] })
  await chat(plain, {})
  t.notMatch(systemText(mock.requests.at(-1)?.body), /COMPLIANCE/)
})

t.test('the boot stops on an unknown profile, or when the service\'s own text calls it a therapist', async (t) => {
  await t.rejects(build(t, { env: { COMPLIANCE_PROFILES: 'us-ny,us-tx' } }), /COMPLIANCE_PROFILES: unknown profile "us-tx"/)
  const file = join(t.testdir(), 'resources.json')
  writeFileSync(file, JSON.stringify({ message: 'Our therapist is here for you.', resources: [{ name: '988', phone: '988' }] }))
  await t.rejects(build(t, { env: { COMPLIANCE_PROFILES: 'us-il', CRISIS_RESOURCES_FILE: file } }), /crisis resources message text describes the service as "therapist"/)
  t.ok(await build(t, { env: { COMPLIANCE_PROFILES: 'us-ny', CRISIS_RESOURCES_FILE: file } }), 'allowed where no profile forbids it')
})
