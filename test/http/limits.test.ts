// Limits that cannot be sidestepped: a cap on all streams, server timeouts that close sockets which
// send partial headers, a partial body or nothing, a connection limit, and ids every route accepts.
import t from 'tap'
import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { build, listen, postChat } from '../support/helper.ts'

/** Resolves with how long the server took to close the socket, once it does. */
async function closedAfter (socket: Socket): Promise<number> {
  const started = Date.now()
  socket.on('error', () => {})
  socket.resume()
  await once(socket, 'close')
  return Date.now() - started
}

async function open (url: string): Promise<Socket> {
  const { port } = new URL(url)
  const socket = connect(Number(port), '127.0.0.1')
  await once(socket, 'connect')
  return socket
}

t.test('MAX_STREAMS caps the streams of all clients together: 503 SERVER_BUSY', async (t) => {
  const app = await build(t, { env: { MAX_STREAMS: '1', REFLECTIVE_WORD_DELAY_MS: '20' } })
  const url = await listen(app)
  let busy: any
  await postChat(url, { message: 'tell me more about listening', sessionId: 'g1' }, {
    onEvent: (event) => {
      if ('content' in event && busy === undefined) busy = app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'g2' }, remoteAddress: '10.2.0.1' })
    }
  })
  const res = await busy
  t.equal(res.statusCode, 503)
  t.equal(res.json().code, 'SERVER_BUSY')
  t.equal(res.headers['retry-after'], '1')
  t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hi', sessionId: 'g2' }, remoteAddress: '10.2.0.1' })).statusCode, 200, 'free again once it ends')
})

t.test('sockets that send partial headers, a partial body or nothing are closed; a live stream is not', async (t) => {
  const app = await build(t, {
    env: { HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600', CONNECTION_TIMEOUT_MS: '800', SSE_KEEPALIVE_MS: '100', REFLECTIVE_WORD_DELAY_MS: '60' }
  })
  const url = await listen(app)

  const partialHeaders = await open(url)
  partialHeaders.write('GET /health HTTP/1.1\r\nHost: x\r\n')
  const nothing = await open(url)
  const partialBody = await open(url)
  partialBody.write('POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"message": "')
  const [headersMs, nothingMs, bodyMs] = await Promise.all([closedAfter(partialHeaders), closedAfter(nothing), closedAfter(partialBody)])
  t.ok(headersMs < 3000, `partial headers: closed after ${headersMs} ms`)
  t.ok(nothingMs < 3000, `nothing sent: closed after ${nothingMs} ms`)
  t.ok(bodyMs < 3000, `a partial body: closed after ${bodyMs} ms`)

  const started = Date.now()
  const stream = await postChat(url, { message: 'I have been feeling lonely since I moved to a new city for work', sessionId: 'long' })
  t.ok(Date.now() - started > 800, 'the stream outlived the connection timeout')
  t.match(stream.events.at(-1), { done: true }, 'and ended whole: its pings keep it alive')
})

t.test('MAX_CONNECTIONS: connections over the limit are dropped', async (t) => {
  const app = await build(t, { env: { MAX_CONNECTIONS: '2' } })
  const url = await listen(app)
  const held = [await open(url), await open(url)]
  t.teardown(() => { for (const socket of held) socket.destroy() })
  const third = await open(url)
  t.ok(await closedAfter(third) < 3000, 'the third is closed at once')
  t.equal((await fetch(`${url}/health`).catch(() => undefined))?.status, undefined, 'nor does a fetch get through while two are held')
  for (const socket of held) socket.destroy()
  await new Promise(resolve => setTimeout(resolve, 50))
  t.equal((await fetch(`${url}/health`)).status, 200, 'room again once they close')
})

t.test('a session id of 128 characters works on every route', async (t) => {
  const app = await build(t)
  const id = 's'.repeat(128)
  t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: id } })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: `/sessions/${id}/messages` })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: `/sessions/${id}/stream` })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: `/sessions/${id}/stop` })).statusCode, 204)
  t.equal((await app.inject({ method: 'DELETE', url: `/sessions/${id}` })).statusCode, 204)
  const tooLong = await app.inject({ method: 'GET', url: `/sessions/${'s'.repeat(129)}/messages` })
  t.equal(tooLong.statusCode, 400, 'one more is refused as invalid, the same way everywhere')
  t.equal(tooLong.json().code, 'INVALID_REQUEST')
})
