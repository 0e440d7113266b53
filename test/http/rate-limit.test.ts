// Rate limits per user (per IP when anonymous) and the cap on open streams per user.
import t from 'tap'
import { createSigner } from 'fast-jwt'
import { build, listen, postChat } from '../support/helper.ts'

t.test('over RATE_LIMIT_MAX in the window (per route) is 429 JSON with Retry-After; health stays open', async (t) => {
  const app = await build(t, { env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' } })
  const statuses: number[] = []
  for (let i = 0; i < 3; i++) {
    statuses.push((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: `ok-${i}` } })).statusCode)
  }
  t.same(statuses, [200, 200, 200])
  const limited = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 's' } })
  t.equal(limited.statusCode, 429)
  // The time left, as the window has run by then (on a loaded machine, past the first second).
  t.match(limited.json(), { code: 'RATE_LIMITED', statusCode: 429, error: /retry in (1 minute|[0-9]+ seconds)/ })
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After is set')
  t.equal((await app.inject({ method: 'GET', url: '/sessions/s/messages' })).statusCode, 404, 'the limited chat stored nothing')
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})

t.test('signed-in users are limited one by one, anonymous ones by IP', async (t) => {
  const secret = 'rate-limit-test-secret-0123456789'
  const app = await build(t, { env: { RATE_LIMIT_MAX: '2', AUTH_JWT_SECRET: secret } })
  const sign = createSigner({ key: secret, expiresIn: 600000 })
  const get = (sub: string) => app.inject({ method: 'GET', url: '/sessions/x/messages', headers: { authorization: `Bearer ${sign({ sub })}` } })
  t.same([(await get('a')).statusCode, (await get('a')).statusCode, (await get('a')).statusCode], [404, 404, 429])
  t.equal((await get('b')).statusCode, 404, 'another user on the same IP has their own budget')
})

t.test('a user may hold at most MAX_STREAMS_PER_USER open streams', async (t) => {
  const app = await build(t, { env: { MAX_STREAMS_PER_USER: '2', REFLECTIVE_WORD_DELAY_MS: '20' } })
  const url = await listen(app)
  const started: Array<() => void> = []
  const firstEvent = (index: number) => new Promise<void>(resolve => { started[index] = resolve })
  const waits = [firstEvent(0), firstEvent(1)]
  const open = [0, 1].map(i => postChat(url, { message: 'tell me more', sessionId: `cap-${i}`, userId: 'u1' }, { onEvent: () => started[i]?.() }))
  await Promise.all(waits)
  const third = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'cap-2', userId: 'u1' } })
  t.equal(third.statusCode, 429)
  t.match(third.json(), { code: 'TOO_MANY_STREAMS' })
  t.equal(third.headers['retry-after'], '1')
  const rotated = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'cap-2', userId: 'u2' } })
  t.equal(rotated.statusCode, 429, 'anonymous streams count per address: another claimed userId does not get round the cap')
  const resume = await app.inject({ method: 'GET', url: '/sessions/cap-0/stream?userId=u1' })
  t.equal(resume.statusCode, 429, 'a resume counts as a stream too')
  const otherClient = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'cap-2', userId: 'u2' }, remoteAddress: '10.0.0.9' })
  t.equal(otherClient.statusCode, 200, 'other clients are not affected')
  await Promise.all(open)
  const after = await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'cap-3', userId: 'u1' } })
  t.equal(after.statusCode, 200, 'the cap frees up as streams end')
})
