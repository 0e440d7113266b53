// Authentication and ownership with bearer JWTs: HS256 with a shared secret, RS256 from a JWKS.
import t from 'tap'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateKeyPairSync } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import { build } from '../support/helper.ts'

const SECRET = 'a-test-secret-of-enough-length-123456'
const sign = (claims: object, options: object = {}): string => createSigner({ key: SECRET, expiresIn: 600000, ...options })(claims)
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

t.test('with a secret, /chat and /sessions need a valid bearer token', async (t) => {
  const app = await build(t, { env: { AUTH_JWT_SECRET: SECRET } })
  const chat = (headers: Record<string, string>, payload: object = { message: 'hello', sessionId: 's1' }) =>
    app.inject({ method: 'POST', url: '/chat', payload, headers })

  const refusals: Array<[string, Record<string, string>]> = [
    ['no token', {}],
    ['a malformed header', { authorization: 'Bearer' }],
    ['not a JWT', bearer('not-a-jwt')],
    ['a wrong signature', bearer(createSigner({ key: 'another-secret-entirely-xxxxxxxx', expiresIn: 600000 })({ sub: 'alice' }))],
    ['an expired token', bearer(createSigner({ key: SECRET })({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 60 }))],
    ['a token that never expires', bearer(createSigner({ key: SECRET })({ sub: 'alice' }))],
    ['no subject', bearer(sign({ name: 'alice' }))],
    ['alg none', bearer(createSigner({ algorithm: 'none' })({ sub: 'alice' }))]
  ]
  for (const [name, headers] of refusals) {
    const res = await chat(headers)
    t.equal(res.statusCode, 401, name)
    t.equal(res.headers['www-authenticate'], 'Bearer', name)
    t.same(res.json(), { error: 'A valid bearer token is required', code: 'UNAUTHORIZED', statusCode: 401 }, name)
  }
  t.equal((await app.inject({ method: 'GET', url: '/sessions/s1/messages' })).statusCode, 401)
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/s1' })).statusCode, 401)

  const alice = bearer(sign({ sub: 'alice' }))
  const ok = await chat(alice)
  t.equal(ok.statusCode, 200)
  t.match(ok.headers['content-type'], /text\/event-stream/)
  t.equal((await chat(alice, { message: 'hi', sessionId: 's1', userId: 'alice' })).statusCode, 200, 'the same userId is fine')

  const forbidden = await chat(alice, { message: 'hi', sessionId: 's1', userId: 'bob' })
  t.equal(forbidden.statusCode, 403)
  t.same(forbidden.json(), { error: "userId does not match the token's subject", code: 'FORBIDDEN', statusCode: 403 })

  const history = await app.inject({ method: 'GET', url: '/sessions/s1/messages', headers: alice })
  t.equal(history.json().messages.length, 4)
  const bob = bearer(sign({ sub: 'bob' }))
  t.equal((await app.inject({ method: 'GET', url: '/sessions/s1/messages', headers: bob })).statusCode, 404, "bob cannot read alice's session")
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/s1', headers: bob })).statusCode, 204)
  t.equal((await app.inject({ method: 'GET', url: '/sessions/s1/messages', headers: alice })).json().messages.length, 4, "nor erase it")
  t.equal((await app.inject({ method: 'GET', url: '/sessions/s1/messages?userId=bob', headers: alice })).statusCode, 403)

  // Health, info and probes stay open.
  for (const url of ['/', '/health', '/health/live', '/health/ready']) {
    t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url)
  }
})

t.test('issuer and audience are checked when configured', async (t) => {
  const app = await build(t, { env: { AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'https://id.example', AUTH_JWT_AUDIENCE: 'therapybot' } })
  const chat = (token: string) => app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 's' }, headers: bearer(token) })
  t.equal((await chat(sign({ sub: 'a', iss: 'https://id.example', aud: 'therapybot' }))).statusCode, 200)
  t.equal((await chat(sign({ sub: 'a', iss: 'https://evil.example', aud: 'therapybot' }))).statusCode, 401)
  t.equal((await chat(sign({ sub: 'a', iss: 'https://id.example', aud: 'other' }))).statusCode, 401)
})

t.test('with a JWKS URL, RS256 tokens are verified against the published keys (fetched once, cached)', async (t) => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' }
  let fetches = 0
  const jwks = createServer((req, res) => {
    fetches++
    if (req.url !== '/auth/keys.json') return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  jwks.listen(0, '127.0.0.1')
  await once(jwks, 'listening')
  t.teardown(() => { jwks.close() })
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/auth/keys.json`

  const app = await build(t, { env: { AUTH_JWKS_URL: jwksUrl, AUTH_JWT_AUDIENCE: 'therapybot' } })
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const token = createSigner({ key: pem, algorithm: 'RS256', kid: 'key-1', expiresIn: 600000 })({ sub: 'carol', aud: 'therapybot' })
  const chat = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'j' }, headers })
  t.equal((await chat(bearer(token))).statusCode, 200)
  t.equal((await chat(bearer(token))).statusCode, 200)
  t.equal(fetches, 1, 'the key set is cached')

  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  t.equal((await chat(bearer(createSigner({ key: other, algorithm: 'RS256', kid: 'key-1', expiresIn: 600000 })({ sub: 'carol', aud: 'therapybot' })))).statusCode, 401, 'a key not in the set')
  t.equal((await chat(bearer(sign({ sub: 'carol' })))).statusCode, 401, 'HS256 is not accepted with a JWKS')
})
