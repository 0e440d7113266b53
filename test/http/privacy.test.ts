// Privacy of stored conversations: idle expiry, and logs without message text or tokens (encryption: encryption.test.ts).
import t from 'tap'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { createSigner } from 'fast-jwt'
import { build, listen, postChat } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { createMemoryStore } from '../../src/store/memory.ts'

t.test('SESSION_TTL_DAYS erases idle sessions and keeps active ones', async (t) => {
  const store = createMemoryStore()
  const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString()
  await store.appendMessage({ userId: 'u1', sessionId: 'idle' }, { id: 'm1', role: 'user', content: 'old', status: 'complete', createdAt: old })
  await store.recordSafetyFlag({ userId: 'u1', sessionId: 'idle' }, { level: 'crisis', category: 'self_harm', signals: ['self_harm.intent'], createdAt: old })
  await store.appendMessage({ userId: 'u1', sessionId: 'fresh' }, { id: 'm2', role: 'user', content: 'new', status: 'complete', createdAt: new Date().toISOString() })
  const app = await build(t, { store, env: { SESSION_TTL_DAYS: '2' } })
  t.equal((await app.inject({ method: 'GET', url: '/sessions/idle/messages?userId=u1' })).statusCode, 404)
  t.same(await store.listSafetyFlags({ userId: 'u1', sessionId: 'idle' }), [], 'its flags went too')
  t.equal((await app.inject({ method: 'GET', url: '/sessions/fresh/messages?userId=u1' })).statusCode, 200)
})

t.test('sqlite expires idle sessions with their flags', async (t) => {
  const { createSqliteStore } = await import('../../src/store/sqlite.ts')
  const store = createSqliteStore(join(t.testdir(), 'ttl.db'))
  t.teardown(() => store.close())
  const key = { userId: 'u', sessionId: 's' }
  await store.appendMessage(key, { id: 'a', role: 'user', content: 'x', status: 'complete', createdAt: '2020-01-01T00:00:00.000Z' })
  await store.recordSafetyFlag(key, { level: 'elevated', category: 'abuse', signals: ['abuse.unsafe'], createdAt: '2020-01-01T00:00:00.000Z' })
  await store.appendMessage({ ...key, sessionId: 'new' }, { id: 'b', role: 'user', content: 'y', status: 'complete', createdAt: new Date().toISOString() })
  t.equal(await store.purgeIdleSessions('2021-01-01T00:00:00.000Z'), 1)
  t.same(await store.listMessages(key), [])
  t.same(await store.listSafetyFlags(key), [])
  t.equal((await store.listMessages({ ...key, sessionId: 'new' })).length, 1)
})

t.test('logs never hold message text, reply text or tokens; crisis flags are counted by level and category', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(chunk.toString()); done() } })
  const secret = 'log-test-secret-0123456789abcdef'
  const token = createSigner({ key: secret, expiresIn: 600000 })({ sub: 'logger-user' })
  const app = await build(t, { logStream, env: { LOG_LEVEL: 'trace', AUTH_JWT_SECRET: secret } })
  const url = await listen(app)
  const marker = 'zebra-umbrella-4471'
  const res = await fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ message: `I want to die ${marker}`, sessionId: 'log-1' })
  })
  const body = await res.text()
  await app.inject({ method: 'GET', url: '/sessions/log-1/messages', headers: { authorization: `Bearer ${token}` } })
  await app.inject({ method: 'POST', url: '/chat', payload: '{"message": "broken', headers: { 'content-type': 'application/json' } })
  const log = lines.join('')
  t.ok(lines.length > 5, `${lines.length} log lines`)
  t.ok(lines.every(line => { try { JSON.parse(line); return true } catch { return false } }), 'every line is JSON')
  t.notOk(log.includes(marker), 'the message text is not logged')
  t.notOk(log.includes(token), 'the token is not logged')
  t.notOk(log.includes(token.split('.')[2] as string), 'nor its signature')
  const replyText = sseEvents(body).map(e => e.data).filter(e => e.content).map(e => e.content).join('')
  t.ok(replyText.length > 20)
  t.notOk(log.includes(replyText.slice(0, 40)), 'the reply text is not logged')
  const flag = lines.map(line => JSON.parse(line)).find(entry => entry.msg === 'crisis protocol triggered')
  t.match(flag?.safety, { level: 'elevated', category: 'self_harm' })
  t.same(Object.keys(flag?.safety ?? {}).sort(), ['category', 'level', 'signals'], 'the log names the signals, nothing else')
})
