// The crisis hand-off's outbox on every store (SQLite, memory, a real Redis): an entry is claimed by
// one claim at a time, comes due again when its lease ends, and only its holder reschedules or removes it.
import t from 'tap'
import { join } from 'node:path'
import { createMemoryStore } from '../../../src/store/memory.ts'
import { createRedisStore } from '../../../src/store/redis.ts'
import { createSqliteStore } from '../../../src/store/sqlite.ts'
import type { SessionStore } from '../../../src/store/types.ts'
import { startRedisClient } from '../../support/redis-server.ts'

async function check (t: any, store: SessionStore): Promise<void> {
  const now = 1_000_000
  await store.enqueueHandoff({ id: 'msg_a', body: '{"a":1}', attempts: 0, dueAt: now })
  await store.enqueueHandoff({ id: 'msg_b', body: '{"b":2}', attempts: 0, dueAt: now + 500 })
  await store.enqueueHandoff({ id: 'msg_a', body: '{"again":true}', attempts: 0, dueAt: now })

  t.same(await store.claimHandoffs(now, 1000, 10, 'one'), [{ id: 'msg_a', body: '{"a":1}', attempts: 0, dueAt: now + 1000 }], 'only what is due, once')
  t.same(await store.claimHandoffs(now, 1000, 10, 'two'), [], 'a claimed entry is nobody else\'s')
  await store.rescheduleHandoff('msg_a', 'two', 5, now)
  await store.removeHandoff('msg_a', 'two')
  t.same(await store.claimHandoffs(now + 999, 1000, 10, 'two'), [{ id: 'msg_b', body: '{"b":2}', attempts: 0, dueAt: now + 1999 }], 'another claim changes nothing')
  await store.removeHandoff('msg_b', 'two')

  t.same((await store.claimHandoffs(now + 1000, 1000, 10, 'two')).map(e => e.id), ['msg_a'], 'due again when its lease ends')
  await store.rescheduleHandoff('msg_a', 'one', 7, now)
  t.same(await store.claimHandoffs(now + 1000, 1000, 10, 'three'), [], 'the first holder lost it')
  await store.rescheduleHandoff('msg_a', 'two', 1, now + 3000)
  t.same(await store.claimHandoffs(now + 3000, 1000, 1, 'three'), [{ id: 'msg_a', body: '{"a":1}', attempts: 1, dueAt: now + 4000 }], 'rescheduled with its attempts')
  await store.removeHandoff('msg_a', 'three')
  t.same(await store.claimHandoffs(now + 10000, 1000, 10, 'four'), [], 'removed')
}

t.test('memory', async (t) => {
  await check(t, createMemoryStore())
})

t.test('sqlite: kept across a reopen', async (t) => {
  const file = join(t.testdir(), 'outbox.db')
  const store = createSqliteStore(file)
  await check(t, store)
  await store.enqueueHandoff({ id: 'msg_c', body: '{}', attempts: 2, dueAt: 5 })
  await store.close()
  const reopened = createSqliteStore(file)
  t.teardown(() => reopened.close())
  t.same(await reopened.claimHandoffs(10, 1000, 10, 'x'), [{ id: 'msg_c', body: '{}', attempts: 2, dueAt: 1010 }])
})

t.test('redis', async (t) => {
  const started = await startRedisClient(t)
  if (started === undefined) return
  const { redis } = started
  await check(t, createRedisStore(redis, { sessionTtlMs: 0, lockTtlMs: 1000 }))
  t.same(await redis.keys('tb:handoff:*'), [], 'nothing left behind')
})
