// Property-based: random and adversarial bodies, headers and paths at every route. No 500, no
// crash, no change to another session's stored data, and /health answers afterwards.
import t, { type Test } from 'tap'
import fc from 'fast-check'
import { createSigner } from 'fast-jwt'
import { build } from '../support/helper.ts'

const SECRET = 'hostile-input-secret-0123456789ab'
const VICTIM = { userId: 'victim', sessionId: 'precious' }

async function setup (t: Test, env: Record<string, string> = {}) {
  const app = await build(t, { env: { MAX_MESSAGE_CHARS: '500', ...env } })
  await app.store.appendMessage(VICTIM, { id: 'v1', role: 'user', content: 'do not touch', status: 'complete', createdAt: new Date().toISOString() })
  const snapshot = async () => JSON.stringify(await app.store.listMessages(VICTIM))
  return { app, before: await snapshot(), snapshot }
}

function assertSane (t: Test, res: { statusCode: number, headers: Record<string, unknown>, body: string }): void {
  if (res.statusCode >= 500) t.fail(`status ${res.statusCode}: ${res.body.slice(0, 200)}`)
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body)
    if (typeof body.error !== 'string' || typeof body.code !== 'string' || body.statusCode !== res.statusCode) t.fail(`bad error body ${res.body}`)
    if (/\.(ts|js):\d+/.test(res.body)) t.fail('stack trace leaked')
  }
}

const jsonish = fc.oneof(
  fc.anything().map(value => { try { return JSON.stringify(value) ?? 'null' } catch { return 'null' } }),
  fc.record({ message: fc.anything(), sessionId: fc.anything(), userId: fc.anything() }).map(v => JSON.stringify(v)),
  fc.record({ message: fc.string({ maxLength: 600 }), sessionId: fc.string({ maxLength: 140 }) }).map(v => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '{"message":"hi","sessionId":"s","__proto__":{"admin":true}}',
    '{"message":"hi","sessionId":"s","constructor":{"prototype":{"x":1}}}',
    '['.repeat(20000) + ']'.repeat(20000),
    '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    `{"message":"${'x'.repeat(70000)}","sessionId":"s"}`,
    '{"message":"\\u0000\\u0007\\b","sessionId":"s"}',
    '{"message":"\\ud800","sessionId":"s"}',
    '{"message":"hi","sessionId":"precious","userId":"attacker"}',
    '{"message":"hi","sessionId":"precious"}'
  )
)

t.test('POST /chat survives any body and content type', async (t) => {
  const { app, before, snapshot } = await setup(t)
  await fc.assert(fc.asyncProperty(
    jsonish,
    fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', ''),
    fc.boolean(),
    async (payload, contentType, invalidUtf8) => {
      const body = invalidUtf8 ? Buffer.concat([Buffer.from(payload), Buffer.from([0xff, 0xfe, 0xc3])]) : payload
      const res = await app.inject({ method: 'POST', url: '/chat', payload: body, headers: contentType === '' ? {} : { 'content-type': contentType } })
      assertSane(t, res)
      t.equal(await snapshot(), before)
    }
  ), { numRuns: 150 })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})

t.test('session routes survive any path, query and method', async (t) => {
  const { app, before, snapshot } = await setup(t)
  await fc.assert(fc.asyncProperty(
    fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), fc.constantFrom('GET', 'DELETE', 'POST', 'PUT', 'PATCH'),
    fc.constantFrom('/sessions/%s/messages', '/sessions/%s', '/sessions/%s/stream', '/%s', '/health/%s'),
    async (sessionId, userId, method, template) => {
      const url = template.replace('%s', encodeURIComponent(sessionId)) + `?userId=${encodeURIComponent(userId)}`
      const res = await app.inject({ method: method as 'GET', url })
      assertSane(t, res)
      t.equal(await snapshot(), before)
    }
  ), { numRuns: 200 })
  for (const url of ['/sessions/%ff%fe/messages', '/sessions/../../etc/passwd', '/sessions/%00/messages', '/sessions/a/messages?userId=%E0%A4%A', `/sessions/${'a'.repeat(5000)}/messages`]) {
    assertSane(t, await app.inject({ method: 'GET', url }))
  }
  t.equal(await snapshot(), before)
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})

t.test('bad JWTs and odd headers are refused cleanly when authentication is on', async (t) => {
  const { app, before, snapshot } = await setup(t, { AUTH_JWT_SECRET: SECRET })
  const good = createSigner({ key: SECRET, expiresIn: 600000 })({ sub: 'someone' })
  await fc.assert(fc.asyncProperty(
    fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.string({ maxLength: 100 }).map(s => `Bearer ${s}`),
      fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map(parts => `Bearer ${parts.join('.')}`),
      fc.constant(`Bearer ${good.slice(0, -3)}abc`),
      fc.constant(`Bearer ${good.split('.').slice(0, 2).join('.')}.`),
      fc.constant(`Basic ${Buffer.from('a:b').toString('base64')}`),
      fc.constant(`Bearer ${createSigner({ key: SECRET })({ sub: 'victim', exp: 1 })}`)
    ),
    fc.string({ maxLength: 200 }),
    async (authorization, requestId) => {
      const headers = { authorization, 'x-request-id': requestId, 'last-event-id': requestId }
      for (const request of [
        { method: 'POST' as const, url: '/chat', payload: { message: 'hi', sessionId: 'precious', userId: 'victim' } },
        { method: 'GET' as const, url: '/sessions/precious/messages?userId=victim' },
        { method: 'DELETE' as const, url: '/sessions/precious?userId=victim' }
      ]) {
        const res = await app.inject({ ...request, headers })
        assertSane(t, res)
        t.ok([401, 403].includes(res.statusCode), `${request.method} ${request.url} refused`)
      }
      t.equal(await snapshot(), before)
    }
  ), { numRuns: 100 })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
})
