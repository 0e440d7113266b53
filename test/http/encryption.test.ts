// Encryption at rest: per-session data keys wrapped by the master keys, records bound to their
// ciphertext, rotation with the re-wrap command, and erasure that destroys the session's key.
import t from 'tap'
import { execFile } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import { build, listen, postChat } from '../support/helper.ts'
import { startRedis } from '../support/redis-server.ts'
import { keyIdOf } from '../../src/store/key-ring.ts'
import { seal } from '../../src/store/aes-gcm.ts'

const newKey = (): string => randomBytes(32).toString('base64')
const kidOf = (key: string): string => keyIdOf(Buffer.from(key, 'base64'))
const history = async (app: any, sessionId: string, userId = 'u1'): Promise<any> =>
  await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=${userId}` })

function rows (path: string, sql: string): any[] {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

t.test('with a key the sqlite file holds only ciphertext, each session its own wrapped data key; the API returns the text', async (t) => {
  const path = join(t.testdir(), 'secret.db')
  const key = newKey()
  const env = { STORE: 'sqlite', SQLITE_PATH: path, STORE_ENCRYPTION_KEY: key }
  const app = await build(t, { env })
  const url = await listen(app)
  const reply = await postChat(url, { message: 'my private worry about money', sessionId: 'enc-1', userId: 'u1' })
  await postChat(url, { message: 'another private worry', sessionId: 'enc-2', userId: 'u1' })
  await app.close()

  const messages = rows(path, 'SELECT content FROM messages')
  t.equal(messages.length, 4)
  for (const row of messages) {
    t.match(row.content, /^enc:v2:/)
    t.notMatch(row.content, /worry|money/)
  }
  const keys = rows(path, 'SELECT session_id, wrapped FROM session_keys ORDER BY session_id')
  t.same(keys.map(row => row.session_id), ['enc-1', 'enc-2'], 'one data key per session')
  for (const row of keys) t.ok(row.wrapped.startsWith(`kw1.${kidOf(key)}.`), 'wrapped, naming the master key by its id')
  t.not(keys[0].wrapped, keys[1].wrapped)
  const notices = rows(path, 'SELECT shown_at FROM notice_marks')
  t.ok(notices.length > 0 && notices.every(row => row.shown_at.startsWith('enc:v2:')), 'the notice times are sealed too')

  const again = await build(t, { env })
  t.same((await history(again, 'enc-1')).json().messages.map((m: any) => m.content), ['my private worry about money', reply.text])
  await again.close()

  await t.rejects(build(t, { env: { ...env, STORE_ENCRYPTION_KEY: newKey() } }), /STORE_ENCRYPTION_KEY does not hold the key/)
  await t.rejects(build(t, { env: { ...env, STORE_ENCRYPTION_KEY: '' } }), /must be set: the stored messages are encrypted/)
  await t.rejects(build(t, { env: { ...env, STORE_ENCRYPTION_KEY: 'c2hvcnQ=' } }), /32 random bytes/)
  await t.rejects(build(t, { env: { ...env, STORE_ENCRYPTION_KEYS: key } }), /must not be set with STORE_ENCRYPTION_KEYS/)
})

t.test('a record moved or altered reads as unreadable, alone: the rest of the session still reads', async (t) => {
  const path = join(t.testdir(), 'tamper.db')
  const env = { STORE: 'sqlite', SQLITE_PATH: path, STORE_ENCRYPTION_KEY: newKey() }
  const app = await build(t, { env })
  const url = await listen(app)
  const first = await postChat(url, { message: 'first thing on my mind', sessionId: 's', userId: 'u1' })
  await postChat(url, { message: 'second thing on my mind', sessionId: 's', userId: 'u1' })
  await postChat(url, { message: 'in another session', sessionId: 'other', userId: 'u1' })
  await app.close()

  const db = new Database(path)
  const [, , second] = db.prepare("SELECT seq FROM messages WHERE session_id = 's' ORDER BY seq").all() as Array<{ seq: number }>
  // The user's second message claims to be the assistant's: the role is bound into its ciphertext.
  db.prepare("UPDATE messages SET role = 'assistant' WHERE seq = ?").run(second?.seq)
  // A ciphertext copied from another session, and a plain value that merely looks sealed.
  db.prepare(`INSERT INTO messages (id, user_id, session_id, role, content, status, created_at)
    SELECT 'copied', 'u1', 's', role, content, status, created_at FROM messages WHERE session_id = 'other' AND role = 'user'`).run()
  db.prepare(`INSERT INTO messages (id, user_id, session_id, role, content, status, created_at)
    VALUES ('lookalike', 'u1', 's', 'user', 'enc:v1:not really', 'complete', '2030-01-01T00:00:00.000Z')`).run()
  db.close()

  const again = await build(t, { env })
  const res = await history(again, 's')
  t.equal(res.statusCode, 200)
  const messages = res.json().messages
  t.same(messages.map((m: any) => m.status), ['complete', 'complete', 'unreadable', 'complete', 'unreadable', 'unreadable'])
  t.same(messages.slice(0, 2).map((m: any) => m.content), ['first thing on my mind', first.text])
  t.same(messages.filter((m: any) => m.status === 'unreadable').map((m: any) => m.content), ['', '', ''])
  // The conversation goes on: the unreadable turns are left out of what the model sees.
  const url2 = await listen(again)
  t.equal((await postChat(url2, { message: 'still here', sessionId: 's', userId: 'u1' })).status, 200)
})

t.test('erasing a session destroys its data key: a copy of its ciphertext left anywhere no longer opens', async (t) => {
  const dir = t.testdir()
  const path = join(dir, 'erase.db')
  const env = { STORE: 'sqlite', SQLITE_PATH: path, STORE_ENCRYPTION_KEY: newKey() }
  const app = await build(t, { env })
  const url = await listen(app)
  await postChat(url, { message: 'something I want gone', sessionId: 'gone', userId: 'u1' })
  const leftover = rows(path, "SELECT * FROM messages WHERE session_id = 'gone'")
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/gone?userId=u1' })).statusCode, 204)
  await app.close()
  t.same(rows(path, "SELECT * FROM session_keys WHERE session_id = 'gone'"), [], 'the data key is gone')

  // The rows put back (as from a copy taken by a replica or a dump of the messages table).
  const db = new Database(path)
  const put = db.prepare('INSERT INTO messages (id, user_id, session_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  for (const row of leftover) put.run(row.id, row.user_id, row.session_id, row.role, row.content, row.status, row.created_at)
  db.close()
  const again = await build(t, { env })
  const messages = (await history(again, 'gone')).json().messages
  t.equal(messages.length, 2)
  t.ok(messages.every((m: any) => m.status === 'unreadable' && m.content === ''))
})

t.test('rotation: a new key first, old keys still open, the re-wrap command moves every data key, then the old key goes', async (t) => {
  const dir = t.testdir()
  const path = join(dir, 'rotate.db')
  const [oldKey, newer] = [newKey(), newKey()]
  const base = { STORE: 'sqlite', SQLITE_PATH: path }
  const first = await build(t, { env: { ...base, STORE_ENCRYPTION_KEY: oldKey } })
  const before = await postChat(await listen(first), { message: 'written under the old key', sessionId: 'old', userId: 'u1' })
  await first.close()

  const both = await build(t, { env: { ...base, STORE_ENCRYPTION_KEYS: `${newer},${oldKey}` } })
  t.equal((await history(both, 'old')).json().messages[1].content, before.text, 'the old key still unwraps')
  await postChat(await listen(both), { message: 'written under the new key', sessionId: 'new', userId: 'u1' })
  await both.close()
  t.same(rows(path, 'SELECT session_id, wrapped FROM session_keys ORDER BY session_id').map(row => [row.session_id, row.wrapped.split('.')[1]]),
    [['new', kidOf(newer)], ['old', kidOf(oldKey)]])
  await t.rejects(build(t, { env: { ...base, STORE_ENCRYPTION_KEYS: newer } }), /does not hold the key/, 'the old key cannot go before the re-wrap')

  copyFileSync(path, join(dir, 'backup.db'))
  const run = promisify(execFile)
  const { stdout } = await run(process.execPath, ['scripts/rewrap-keys.ts'], {
    env: { ...process.env, ...base, STORE_ENCRYPTION_KEYS: `${newer},${oldKey}`, LOG_LEVEL: 'silent', NODE_ENV: 'development', STORE_ENCRYPTION_KEY: '' }
  })
  t.same(JSON.parse(stdout), { rewrapped: 1, resealed: 0, failed: 0, keyId: kidOf(newer) })
  t.ok(rows(path, 'SELECT wrapped FROM session_keys').every(row => row.wrapped.split('.')[1] === kidOf(newer)))

  const after = await build(t, { env: { ...base, STORE_ENCRYPTION_KEYS: newer } })
  t.same((await history(after, 'old')).json().messages.map((m: any) => m.content), ['written under the old key', before.text])
  t.equal((await history(after, 'new')).json().messages[0].content, 'written under the new key')
})

t.test('with Redis: data keys in Redis, content sealed, re-wrapped by SCAN, destroyed by an erasure', async (t) => {
  const server = await startRedis(t)
  if (server === undefined) return
  const [oldKey, newer] = [newKey(), newKey()]
  const env = { STORE: 'redis', REDIS_URL: server.url, STORE_ENCRYPTION_KEYS: oldKey }
  const app = await build(t, { env })
  const url = await listen(app)
  await postChat(url, { message: 'kept in redis', sessionId: 'r1', userId: 'u:1' })
  await postChat(url, { message: 'also kept in redis', sessionId: 'r2', userId: 'u:1' })
  await app.close()

  const redis = new Redis(server.url)
  t.teardown(() => redis.disconnect())
  const stored = await redis.lrange('tb:msgs:u%3A1:r1', 0, -1)
  t.equal(stored.length, 2)
  t.ok(stored.every(value => JSON.parse(value).content.startsWith('enc:v2:')))
  t.ok((await redis.get('tb:dek:u%3A1:r1'))?.startsWith(`kw1.${kidOf(oldKey)}.`))

  const rewrap = promisify(execFile)
  const { stdout } = await rewrap(process.execPath, ['scripts/rewrap-keys.ts'], {
    env: { ...process.env, STORE: 'redis', REDIS_URL: server.url, STORE_ENCRYPTION_KEYS: `${newer},${oldKey}`, NODE_ENV: 'development', STORE_ENCRYPTION_KEY: '' }
  })
  t.same(JSON.parse(stdout), { rewrapped: 2, resealed: 0, failed: 0, keyId: kidOf(newer) })

  const after = await build(t, { env: { ...env, STORE_ENCRYPTION_KEYS: newer } })
  t.equal((await history(after, 'r1', 'u:1')).json().messages[0].content, 'kept in redis')
  t.equal((await after.inject({ method: 'DELETE', url: '/sessions/r1?userId=u:1' })).statusCode, 204)
  t.equal(await redis.exists('tb:dek:u%3A1:r1', 'tb:msgs:u%3A1:r1'), 0, 'the data key went with the session')
  t.equal((await history(after, 'r2', 'u:1')).json().messages[0].content, 'also kept in redis', 'other sessions keep theirs')
})

t.test('with Redis: the reply events and the safety flags are sealed; another instance still resumes the reply; an erasure destroys the events\' key', async (t) => {
  const server = await startRedis(t)
  if (server === undefined) return
  const env = { STORE: 'redis', REDIS_URL: server.url, STORE_ENCRYPTION_KEY: newKey() }
  const a = await build(t, { env })
  const b = await build(t, { env })
  const [urlA, urlB] = [await listen(a), await listen(b)]
  const redis = new Redis(server.url)
  t.teardown(() => redis.disconnect())

  const risky = await postChat(urlA, { message: 'i have been saving up my pills and i think tonight is the night', sessionId: 'sealed', userId: 'u1' })
  const safety = risky.events.find(event => 'safety' in event)
  t.ok(safety !== undefined, 'the message was flagged')
  const replyId = String(risky.ids[0]).split(':')[0] as string

  const entries = await redis.xrange(`tb:events:${replyId}`, '-', '+')
  t.equal(entries.length, risky.ids.length, 'every event is in Redis, for resumes elsewhere')
  const stored = entries.map(([, fields]) => fields[fields.indexOf('data') + 1] as string)
  for (const data of stored) {
    // Sealed data is base64 only: no JSON punctuation and no spaced words, whatever letters chance puts in it.
    t.match(data, /^(enc:v\d+:)?[A-Za-z0-9+/=_-]+$/, 'no event is readable in Redis')
    t.throws(() => JSON.parse(data))
  }
  t.notMatch(risky.text.slice(0, 40), /^$/)
  t.notOk(stored.some(data => data.includes(risky.text.split(' ').slice(0, 3).join(' '))), 'the reply text is not there in the clear')
  t.match(await redis.get(`tb:events-key:${replyId}`), /^kw1\./, 'the events\' own key, wrapped by the master key')

  const flags = await redis.lrange('tb:flags:u1:sealed', 0, -1)
  t.equal(flags.length, 1)
  t.notMatch(flags[0], /crisis|elevated|self_harm|signals"\s*:\s*\["/, 'the flag tells nothing in Redis')
  t.match((await b.inject({ method: 'GET', url: '/sessions/sealed/messages?userId=u1' })).json().safetyFlags, [{ level: safety.safety.level, category: 'self_harm' }],
    'the API still reports the flag')

  // B never ran the reply: it reads it from Redis and opens it with the reply's key.
  const resumed = await fetch(`${urlB}/sessions/sealed/stream?userId=u1`, { headers: { 'last-event-id': `${replyId}:0` } })
  t.equal(resumed.status, 200)
  const rest = (await resumed.text()).split('\n').filter(line => line.startsWith('data: ')).map(line => JSON.parse(line.slice(6)))
  t.equal(rest.filter(event => 'content' in event).map(event => event.content).join(''), risky.text, 'the resumed reply is the one shown')

  // A key no configured master key opens (a master key removed too soon): the reply is gone, not a 500.
  const kept = await redis.get(`tb:events-key:${replyId}`) as string
  await redis.set(`tb:events-key:${replyId}`, `kw1.${'0'.repeat(16)}.AAAA`)
  const unreadable = await fetch(`${urlB}/sessions/sealed/stream?userId=u1`, { headers: { 'last-event-id': `${replyId}:0` } })
  t.equal(unreadable.status, 404)
  t.match(await unreadable.json(), { code: 'REPLY_NOT_FOUND' })
  await redis.set(`tb:events-key:${replyId}`, kept)

  t.equal((await b.inject({ method: 'DELETE', url: '/sessions/sealed?userId=u1' })).statusCode, 204)
  t.equal(await redis.exists(`tb:events:${replyId}`, `tb:events-key:${replyId}`), 0, 'the events and their key went with the session')
})

t.test('with sqlite: a safety flag is sealed whole (level, category, signals, time), and still reported by the API', async (t) => {
  const path = join(t.testdir(), 'flags.db')
  const env = { STORE: 'sqlite', SQLITE_PATH: path, STORE_ENCRYPTION_KEY: newKey() }
  const app = await build(t, { env })
  const url = await listen(app)
  const risky = await postChat(url, { message: 'he hit me again last night and said he would kill me if i leave', sessionId: 'flag', userId: 'u1' })
  const safety = risky.events.find(event => 'safety' in event)?.safety
  t.ok(safety !== undefined, 'the message was flagged')
  const stored = rows(path, 'SELECT level, category, created_at, signals FROM safety_flags')
  t.equal(stored.length, 1)
  t.match(stored[0].level, /^enc:v2:/)
  t.notMatch(JSON.stringify(stored[0]), /crisis|elevated|abuse|20\d\d-/)
  const flags = (await history(app, 'flag')).json().safetyFlags
  t.match(flags, [{ level: safety.level, category: 'abuse' }])
  t.ok(flags[0].signals.length > 0 && typeof flags[0].createdAt === 'string' && flags[0].createdAt.startsWith('20'))
})

t.test('rotation re-seals content an earlier version sealed with the master key itself, so the old key can go', async (t) => {
  const path = join(t.testdir(), 'legacy.db')
  const [oldKey, newer] = [newKey(), newKey()]
  const base = { STORE: 'sqlite', SQLITE_PATH: path }
  const first = await build(t, { env: { ...base, STORE_ENCRYPTION_KEY: oldKey } })
  await postChat(await listen(first), { message: 'a session of today', sessionId: 'today', userId: 'u1' })
  await first.close()
  // A message as the earlier version stored it: sealed with the master key, bound to the session only.
  const legacy = 'enc:v1:' + seal(Buffer.from(oldKey, 'base64'), Buffer.from('written long ago', 'utf8'), JSON.stringify(['u1', 'old'])).toString('base64')
  const db = new Database(path)
  db.prepare(`INSERT INTO messages (id, user_id, session_id, role, content, status, created_at)
    VALUES ('m-old', 'u1', 'old', 'user', ?, 'complete', '2030-01-01T00:00:00.000Z')`).run(legacy)
  db.close()

  const run = promisify(execFile)
  const { stdout } = await run(process.execPath, ['scripts/rewrap-keys.ts'], {
    env: { ...process.env, ...base, STORE_ENCRYPTION_KEYS: `${newer},${oldKey}`, LOG_LEVEL: 'silent', NODE_ENV: 'development', STORE_ENCRYPTION_KEY: '' }
  })
  t.same(JSON.parse(stdout), { rewrapped: 1, resealed: 1, failed: 0, keyId: kidOf(newer) })
  t.match(rows(path, "SELECT content FROM messages WHERE id = 'm-old'")[0].content, /^enc:v2:/, 'sealed with the session\'s data key now')

  const after = await build(t, { env: { ...base, STORE_ENCRYPTION_KEYS: newer } })
  t.same((await history(after, 'old')).json().messages.map((m: any) => [m.content, m.status]), [['written long ago', 'complete']], 'read without the old key')
  t.equal((await history(after, 'today')).json().messages[0].content, 'a session of today')
})
