// Every error answer is the documented JSON with a stable code, Fastify's and Node's own included,
// without the URL echoed back; faults are 503, and readiness notices a store that takes no writes.
import t from 'tap'
import { connect } from 'node:net'
import { once } from 'node:events'
import { build, listen } from '../support/helper.ts'
import { startRedis } from '../support/redis-server.ts'
import { createMemoryStore } from '../../src/store/memory.ts'

/** Sends raw bytes and returns what the server answered before it closed the socket. */
async function raw (url: string, request: string): Promise<string> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  await once(socket, 'connect')
  let answer = ''
  socket.on('data', (chunk: Buffer) => { answer += chunk.toString() })
  socket.on('error', () => {})
  socket.write(request)
  await once(socket, 'close')
  return answer
}

function bodyOf (answer: string): any {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
}

t.test("Fastify's and Node's own errors in the API's shape, the URL not echoed", async (t) => {
  const app = await build(t, { env: { HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' } })
  const url = await listen(app)

  const badUrl = await app.inject({ method: 'GET', url: '/sessions/%E0%A4%A-secret/messages' })
  t.equal(badUrl.statusCode, 400)
  t.same(badUrl.json(), { error: 'The URL is malformed or too long', code: 'INVALID_URL', statusCode: 400 })
  t.notMatch(badUrl.payload, /secret/)

  const longParam = await app.inject({ method: 'GET', url: `/sessions/${'x'.repeat(300)}/messages` })
  t.same(longParam.json(), { error: 'The URL is malformed or too long', code: 'INVALID_URL', statusCode: 414 })

  const notFound = await app.inject({ method: 'GET', url: '/secret-path?token=abc' })
  t.same(notFound.json(), { error: 'No such route', code: 'NOT_FOUND', statusCode: 404 })

  const tooLarge = await raw(url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`)
  t.match(tooLarge, /^HTTP\/1.1 431 /)
  t.match(tooLarge, /Content-Type: application\/json/)
  t.same(bodyOf(tooLarge), { error: 'The request headers are too large', code: 'HEADERS_TOO_LARGE', statusCode: 431 })

  const garbage = await raw(url, 'NOT HTTP AT ALL\r\n\r\n')
  t.same(bodyOf(garbage), { error: 'The request is malformed', code: 'BAD_REQUEST', statusCode: 400 })

  const slow = await raw(url, 'GET /health HTTP/1.1\r\nHost: x\r\n')
  t.same(bodyOf(slow), { error: 'The request took too long to arrive', code: 'REQUEST_TIMEOUT', statusCode: 408 })

  const preflight = await app.inject({ method: 'OPTIONS', url: '/chat', headers: { origin: 'http://app.example' } })
  t.not(preflight.statusCode, 400, 'an OPTIONS without Access-Control-Request-Method is not a 400 text/plain')
  t.notMatch(String(preflight.headers['content-type'] ?? ''), /text\/plain/)
})

t.test('readiness is 503 when the store answers but takes no writes (a full disk)', async (t) => {
  const store = createMemoryStore()
  let full = false
  const setMeta = store.setMeta.bind(store)
  store.setMeta = async (name, value) => {
    if (full) throw Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' })
    await setMeta(name, value)
  }
  const app = await build(t, { store })
  t.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
  full = true
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().checks.store, 'unavailable')
})

t.test('with Redis down every session route answers 503 STORE_UNAVAILABLE', async (t) => {
  const redis = await startRedis(t)
  if (redis === undefined) return
  const app = await build(t, { env: { STORE: 'redis', REDIS_URL: redis.url } })
  t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: 'down' } })).statusCode, 200)
  await redis.stop()
  for (const [method, url] of [
    ['POST', '/chat'], ['GET', '/sessions/down/messages'], ['GET', '/sessions/down/stream'],
    ['POST', '/sessions/down/stop'], ['DELETE', '/sessions/down']
  ] as const) {
    const res = await app.inject({ method, url, ...(url === '/chat' ? { payload: { message: 'hello', sessionId: 'down' } } : {}) })
    t.equal(res.statusCode, 503, `${method} ${url}`)
    t.equal(res.json().code, 'STORE_UNAVAILABLE', `${method} ${url}`)
  }
  t.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503)
  await redis.start()
})
