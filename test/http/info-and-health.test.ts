import t from 'tap'
import { build } from '../support/helper.ts'
import { createMemoryStore } from '../../src/store/memory.ts'
import type { SessionStore } from '../../src/store/types.ts'
import { packageInfo } from '../../src/package-info.ts'

t.test('GET / answers the seed info shape with the version and the agent in use', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { name: 'TherapyBot API', version: packageInfo.version, status: 'running' })
  t.equal(body.endpoints['/chat'], 'Chat endpoint (POST) - accepts message, sessionId, userId')
  t.same(body.agent, { provider: 'reflective', model: 'reflective-listener-1' })
})

t.test('GET / lists every path the OpenAPI document describes, and the document itself', async (t) => {
  const app = await build(t)
  const listed = Object.keys((await app.inject({ method: 'GET', url: '/' })).json().endpoints)
  const documented = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths)
  t.ok(documented.length >= 10, `${documented.length} documented paths`)
  for (const path of documented) t.ok(listed.includes(path), `${path} is listed`)
  t.ok(listed.includes('/openapi.json'))
})

t.test('GET /health answers the seed body exactly', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'healthy', service: 'TherapyBot API' })
})

t.test('liveness is 200 even when the store is down', async (t) => {
  const broken: SessionStore = { ...createMemoryStore(), ping: async () => { throw new Error('down') } }
  const app = await build(t, { store: broken })
  const res = await app.inject({ method: 'GET', url: '/health/live' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok' })
})

t.test('readiness is 200 while the store answers', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ready', checks: { store: 'ok', agent: 'ok', shutdown: 'no' } })
})

t.test('readiness is 503 when the store fails or hangs', async (t) => {
  for (const ping of [async () => { throw new Error('down') }, () => new Promise<void>(() => {})]) {
    const app = await build(t, { store: { ...createMemoryStore(), ping } })
    const res = await app.inject({ method: 'GET', url: '/health/ready' })
    t.equal(res.statusCode, 503)
    t.same(res.json(), { status: 'unavailable', checks: { store: 'unavailable', agent: 'ok', shutdown: 'no' } })
  }
})

t.test('an unknown route is a JSON 404, never HTML', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/nope' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /application\/json/)
  t.same(res.json(), { code: 'NOT_FOUND', statusCode: 404, error: 'No such route' }, 'the URL is not echoed back')
})

t.test('X-Request-Id is honoured when sane and made otherwise', async (t) => {
  const app = await build(t)
  const given = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } })
  t.equal(given.headers['x-request-id'], 'abc-123')
  const made = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\u0001' } })
  t.match(made.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})

t.test('CORS: any origin is reflected with credentials; a preflight allows Authorization', async (t) => {
  const app = await build(t)
  const res = await app.inject({
    method: 'OPTIONS',
    url: '/chat',
    headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' }
  })
  t.equal(res.statusCode, 204)
  t.equal(res.headers['access-control-allow-origin'], 'http://app.example')
  t.equal(res.headers['access-control-allow-credentials'], 'true')
  t.match(res.headers['access-control-allow-headers'], /Authorization/)
})

t.test('CORS: a configured list refuses other origins', async (t) => {
  const app = await build(t, { env: { CORS_ORIGINS: 'http://a.example, http://b.example' } })
  const allowed = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'http://b.example' } })
  t.equal(allowed.headers['access-control-allow-origin'], 'http://b.example')
  const refused = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'http://evil.example' } })
  t.equal(refused.headers['access-control-allow-origin'], undefined)
})
