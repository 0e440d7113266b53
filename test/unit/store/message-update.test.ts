// updateMessage on every store (SQLite, memory, a real Redis), with and without encryption: the
// content and status change, the rest of the message and the session stay as they were.
import t from 'tap'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createMemoryStore } from '../../../src/store/memory.ts'
import { createRedisStore } from '../../../src/store/redis.ts'
import { createSqliteStore } from '../../../src/store/sqlite.ts'
import { encryptedStore } from '../../../src/store/encrypted.ts'
import { parseKeyRing } from '../../../src/store/key-ring.ts'
import type { SessionStore } from '../../../src/store/types.ts'
import { startRedisClient } from '../../support/redis-server.ts'

const key = { userId: 'u1', sessionId: 's1' }
const at = '2030-01-01T00:00:00.000Z'

async function check (t: any, store: SessionStore): Promise<void> {
  await store.appendMessage(key, { id: 'm1', role: 'user', content: 'hello', status: 'complete', createdAt: at })
  await store.appendMessage(key, { id: 'r1', role: 'assistant', content: 'so f', status: 'interrupted', createdAt: at })
  await store.updateMessage(key, { id: 'r1', role: 'assistant', content: 'so far, so good', status: 'complete', createdAt: '2031-01-01T00:00:00.000Z' })
  await store.updateMessage({ userId: 'u2', sessionId: 's1' }, { id: 'r1', role: 'assistant', content: 'not mine', status: 'failed', createdAt: at })
  t.same(await store.listMessages(key), [
    { id: 'm1', role: 'user', content: 'hello', status: 'complete', createdAt: at },
    { id: 'r1', role: 'assistant', content: 'so far, so good', status: 'complete', createdAt: at }
  ])
}

const ring = parseKeyRing(randomBytes(32).toString('base64'), 'STORE_ENCRYPTION_KEYS')

t.test('memory', async (t) => {
  await check(t, createMemoryStore())
  await check(t, encryptedStore(createMemoryStore(), ring))
})

t.test('sqlite', async (t) => {
  const plain = createSqliteStore(join(t.testdir(), 'a.db'))
  const sealed = createSqliteStore(join(t.testdir(), 'b.db'))
  t.teardown(async () => { await plain.close(); await sealed.close() })
  await check(t, plain)
  await check(t, encryptedStore(sealed, ring))
})

t.test('redis', async (t) => {
  const started = await startRedisClient(t)
  if (started === undefined) return
  const { redis } = started
  await check(t, createRedisStore(redis, { sessionTtlMs: 0, lockTtlMs: 1000 }))
  await redis.flushall()
  await check(t, encryptedStore(createRedisStore(redis, { sessionTtlMs: 0, lockTtlMs: 1000 }), ring))
})
