// The sqlite store's group commit: writes asked for together commit together, in order, and one
// bad write fails alone.
import t from 'tap'
import { join } from 'node:path'
import { createSqliteStore } from '../../../src/store/sqlite.ts'
import { StoreUnavailableError, type StoredMessage } from '../../../src/store/types.ts'

const key = { userId: 'u1', sessionId: 's1' }
const message = (id: string, content: string): StoredMessage =>
  ({ id, role: 'user', content, status: 'complete', createdAt: new Date().toISOString() })

t.test('writes asked for in the same turn are all stored, in the order asked', async (t) => {
  const store = createSqliteStore(join(t.testdir(), 'order.db'))
  t.teardown(() => store.close())
  await Promise.all(Array.from({ length: 50 }, (_v, i) => store.appendMessage(key, message(`m${i}`, `text ${i}`))))
  const stored = await store.listMessages(key)
  t.same(stored.map(m => m.content), Array.from({ length: 50 }, (_v, i) => `text ${i}`))
})

t.test('a write that fails among others fails alone, as StoreUnavailableError', async (t) => {
  const store = createSqliteStore(join(t.testdir(), 'failure.db'))
  t.teardown(() => store.close())
  const results = await Promise.allSettled([
    store.appendMessage(key, message('a', 'first')),
    store.appendMessage(key, message('a', 'the same id again')),
    store.appendMessage(key, message('b', 'third'))
  ])
  t.same(results.map(r => r.status), ['fulfilled', 'rejected', 'fulfilled'])
  t.type((results[1] as PromiseRejectedResult).reason, StoreUnavailableError)
  t.same((await store.listMessages(key)).map(m => m.content), ['first', 'third'])
})

t.test('a session erased after a write asked for in the same turn stays erased', async (t) => {
  const store = createSqliteStore(join(t.testdir(), 'erase.db'))
  t.teardown(() => store.close())
  await store.appendMessage(key, message('x', 'kept until erased'))
  const appended = store.appendMessage(key, message('y', 'written just before the erase'))
  await Promise.all([appended, store.deleteSession(key)])
  t.same(await store.listMessages(key), [])
})

t.test('closing the store commits the writes still waiting', async (t) => {
  const path = join(t.testdir(), 'close.db')
  const store = createSqliteStore(path)
  const appended = store.appendMessage(key, message('c', 'written as the store closes'))
  await store.close()
  await appended
  const reopened = createSqliteStore(path)
  t.teardown(() => reopened.close())
  t.same((await reopened.listMessages(key)).map(m => m.content), ['written as the store closes'])
})
