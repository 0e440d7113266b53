// Safe defaults: production refuses to run without authentication, CORS gives credentials only to
// listed origins there, TRUST_PROXY for an ingress; JWT policy (expiry, age, audience, secret size,
// key-set misses) and refused tokens rate limited per address.
import t from 'tap'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { generateKeyPairSync } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import { build } from '../support/helper.ts'

const SECRET = 'k8Qv2nT6yW1pZ4rB7sD0fH3jL5mN9cXa'
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const sign = (claims: object, options: object = {}): string => createSigner({ key: SECRET, expiresIn: 600000, ...options })(claims)

t.test('NODE_ENV=production refuses to start without authentication, unless AUTH_DISABLED=true says so', async (t) => {
  await t.rejects(build(t, { env: { NODE_ENV: 'production' } }), /AUTH_JWT_SECRET or env\/AUTH_JWKS_URL must be set when NODE_ENV=production/)
  const open = await build(t, { env: { NODE_ENV: 'production', AUTH_DISABLED: 'true' } })
  t.equal((await open.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
  const guarded = await build(t, { env: { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET } })
  t.equal((await guarded.inject({ method: 'GET', url: '/sessions/s/messages' })).statusCode, 401)
})

t.test('in development it starts without authentication, with one warning line', async (t) => {
  const lines: any[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  await build(t, { logStream, env: { LOG_LEVEL: 'info' } })
  const warnings = lines.filter(line => line.level >= 40)
  t.equal(warnings.length, 1)
  t.match(warnings[0].msg, /authentication is off/)
})

t.test('weak or copied secrets and a key set without an audience stop the boot', async (t) => {
  await t.rejects(build(t, { env: { AUTH_JWT_SECRET: 'a' } }), /AUTH_JWT_SECRET must be at least 32 bytes/)
  await t.rejects(build(t, { env: { AUTH_JWT_SECRET: 'replace-me-replace-me-replace-me-1234' } }), /AUTH_JWT_SECRET is a placeholder/)
  await t.rejects(build(t, { env: { AUTH_JWKS_URL: 'https://id.example/jwks.json' } }), /AUTH_JWT_AUDIENCE must be set/)
})

t.test('a token must expire, and is refused AUTH_JWT_MAX_AGE after it was issued', async (t) => {
  const app = await build(t, { env: { AUTH_JWT_SECRET: SECRET, AUTH_JWT_MAX_AGE: '3600' } })
  const chat = (token: string) => app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 's' }, headers: bearer(token) })
  t.equal((await chat(sign({ sub: 'a' }))).statusCode, 200)
  t.equal((await chat(createSigner({ key: SECRET })({ sub: 'a' }))).statusCode, 401, 'no exp')
  const now = Math.floor(Date.now() / 1000)
  t.equal((await chat(createSigner({ key: SECRET, noTimestamp: true })({ sub: 'a', exp: now + 600 }))).statusCode, 401, 'no iat')
  t.equal((await chat(createSigner({ key: SECRET })({ sub: 'a', iat: now - 7200, exp: now + 600 }))).statusCode, 401, 'older than the maximum age')
})

t.test('refused tokens are rate limited per address, before the token is even looked at', async (t) => {
  const app = await build(t, { env: { AUTH_JWT_SECRET: SECRET, AUTH_FAILURES_MAX: '3' } })
  const get = (headers: Record<string, string>, remoteAddress = '10.0.0.1') =>
    app.inject({ method: 'GET', url: '/sessions/s/messages', headers, remoteAddress })
  for (let i = 0; i < 3; i++) t.equal((await get(bearer('forged'))).statusCode, 401)
  const limited = await get(bearer('forged'))
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().code, 'RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) >= 1, 'with Retry-After')
  t.equal((await get(bearer(sign({ sub: 'a' })))).statusCode, 429, 'the address waits out the window')
  t.equal((await get(bearer('forged'), '10.0.0.2')).statusCode, 401, 'another address is not affected')
})

t.test('CORS: production gives `*` without credentials by default, credentials to listed origins only; `null` never', async (t) => {
  const preflight = (app: any, origin: string) => app.inject({
    method: 'OPTIONS', url: '/chat', headers: { origin, 'access-control-request-method': 'POST' }
  })
  const production = await build(t, { env: { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET } })
  let res = await preflight(production, 'https://evil.example')
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.equal(res.headers['access-control-allow-credentials'], undefined)
  const listed = await build(t, { env: { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET, CORS_ORIGINS: 'https://app.example' } })
  res = await preflight(listed, 'https://app.example')
  t.equal(res.headers['access-control-allow-origin'], 'https://app.example')
  t.equal(res.headers['access-control-allow-credentials'], 'true')
  t.equal((await preflight(listed, 'https://evil.example')).headers['access-control-allow-origin'], undefined)
  const development = await build(t)
  t.equal((await preflight(development, 'http://localhost:5173')).headers['access-control-allow-origin'], 'http://localhost:5173', 'development reflects any origin')
  const nullOrigin = await development.inject({ method: 'GET', url: '/health', headers: { origin: 'null' } })
  t.equal(nullOrigin.headers['access-control-allow-origin'], undefined, 'the null origin is not reflected')
})

t.test('TRUST_PROXY: behind an ingress, anonymous clients are counted by their own address', async (t) => {
  const limitedGet = (app: any, client: string) => app.inject({
    method: 'GET', url: '/sessions/s/messages', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-for': client }
  })
  const direct = await build(t, { env: { RATE_LIMIT_MAX: '2' } })
  await limitedGet(direct, '203.0.113.1')
  await limitedGet(direct, '203.0.113.2')
  t.equal((await limitedGet(direct, '203.0.113.3')).statusCode, 429, 'without it, everyone behind the proxy shares one bucket')
  const proxied = await build(t, { env: { RATE_LIMIT_MAX: '2', TRUST_PROXY: '1' } })
  await limitedGet(proxied, '203.0.113.1')
  await limitedGet(proxied, '203.0.113.2')
  t.equal((await limitedGet(proxied, '203.0.113.3')).statusCode, 404, 'with it, each client has its own')
  const byCidr = await build(t, { env: { RATE_LIMIT_MAX: '2', TRUST_PROXY: '10.0.0.0/8' } })
  await limitedGet(byCidr, '203.0.113.1')
  await limitedGet(byCidr, '203.0.113.1')
  t.equal((await limitedGet(byCidr, '203.0.113.2')).statusCode, 404, 'a CIDR list works too')
  await t.rejects(build(t, { env: { TRUST_PROXY: 'yes please' } }), /TRUST_PROXY/)
})

t.test('JWKS: an unknown key id or a foreign alg does not fetch the key set again and again', async (t) => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' }
  let fetches = 0
  const jwks = createServer((_req, res) => {
    fetches++
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  jwks.listen(0, '127.0.0.1')
  await once(jwks, 'listening')
  t.teardown(() => { jwks.close() })
  const app = await build(t, { env: { AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys.json`, AUTH_JWT_AUDIENCE: 'therapybot' } })
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const token = (kid: string) => createSigner({ key: pem, algorithm: 'RS256', kid, expiresIn: 600000 })({ sub: 'c', aud: 'therapybot' })
  const chat = (value: string) => app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'j' }, headers: bearer(value) })
  t.equal((await chat(token('key-1'))).statusCode, 200)
  t.equal(fetches, 1)
  for (const kid of ['made-up-1', 'made-up-2', 'made-up-3']) t.equal((await chat(token(kid))).statusCode, 401)
  t.equal(fetches, 2, 'one fetch for the first unknown id, none for the next within the window')
  t.equal((await chat(createSigner({ key: SECRET, kid: 'key-1', expiresIn: 600000 })({ sub: 'c', aud: 'therapybot' }))).statusCode, 401, 'HS256 with a good kid')
  t.equal(fetches, 2, 'a foreign alg fetches nothing')
  t.equal((await chat(token('key-1'))).statusCode, 200, 'the good key still works')
  t.equal((await chat(createSigner({ key: pem, algorithm: 'RS256', kid: 'key-1', expiresIn: 600000 })({ sub: 'c' }))).statusCode, 401, 'a token without the audience')
})
