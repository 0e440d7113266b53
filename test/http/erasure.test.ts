// DELETE /sessions/{id} erases: a reply streaming is stopped and not stored, nothing can be resumed
// or read afterwards, on any instance, and no copy stays in memory, in Redis or in sqlite's files.
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { build, listen, postChat } from '../support/helper.ts'
import { startRedis } from '../support/redis-server.ts'

const MESSAGE = 'I have been feeling hopeless about my marriage lately'

async function gone (t: Test, app: FastifyInstance, sessionId: string): Promise<void> {
  t.equal((await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=u1` })).statusCode, 404, 'its messages are gone')
  const resume = await app.inject({ method: 'GET', url: `/sessions/${sessionId}/stream?userId=u1` })
  t.equal(resume.statusCode, 404, 'its reply cannot be resumed')
  t.equal(resume.json().code, 'REPLY_NOT_FOUND')
}

t.test('a DELETE while the reply streams stops it, and the session does not come back', async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '20' } })
  const url = await listen(app)
  let erased: Promise<any> | undefined
  const stream = await postChat(url, { message: MESSAGE, sessionId: 'mid', userId: 'u1' }, {
    onEvent: (event) => { if ('content' in event && erased === undefined) erased = app.inject({ method: 'DELETE', url: '/sessions/mid?userId=u1' }) }
  })
  t.equal((await erased)?.statusCode, 204)
  t.match(stream.events.at(-1), { error: String, code: 'SESSION_ERASED' }, 'the stream ends saying so')
  await gone(t, app, 'mid')
  await sleep(200)
  await gone(t, app, 'mid')
  t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello again', sessionId: 'mid', userId: 'u1' } })).statusCode, 200, 'the session id can start afresh')
})

t.test('after a reply has ended, a DELETE drops it from the resume buffer at once', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  await postChat(url, { message: MESSAGE, sessionId: 'ended', userId: 'u1' })
  t.equal((await app.inject({ method: 'GET', url: '/sessions/ended/stream?userId=u1' })).statusCode, 200, 'resumable before')
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/ended?userId=u1' })).statusCode, 204)
  await gone(t, app, 'ended')
})

t.test('sqlite overwrites what it erases, in the database file and its WAL', async (t) => {
  const path = join(t.testdir(), 'erase.db')
  const app = await build(t, { env: { STORE: 'sqlite', SQLITE_PATH: path } })
  const url = await listen(app)
  const marker = 'periwinkle-harbour-3391'
  await postChat(url, { message: `${MESSAGE} ${marker}`, sessionId: 'disk', userId: 'u1' })
  await postChat(url, { message: 'another conversation stays', sessionId: 'other', userId: 'u1' })
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/disk?userId=u1' })).statusCode, 204)
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue
    t.notOk(readFileSync(file).includes(marker), `${file.endsWith('-wal') ? 'the WAL' : 'the database file'} holds no trace of the text`)
  }
  await gone(t, app, 'disk')
  t.equal((await app.inject({ method: 'GET', url: '/sessions/other/messages?userId=u1' })).statusCode, 200, 'other sessions stay')
})

t.test('with Redis: a DELETE through B erases a reply running on A, its events and every reader of it', async (t) => {
  const redis = await startRedis(t)
  if (redis === undefined) return
  const admin = new Redis(redis.url)
  t.teardown(() => admin.disconnect())
  const env = { STORE: 'redis', REDIS_URL: redis.url, REFLECTIVE_WORD_DELAY_MS: '20' }
  const a = await build(t, { env })
  const b = await build(t, { env })
  const urlA = await listen(a)
  const urlB = await listen(b)

  await t.test('an ended reply: its Redis stream goes', async (t) => {
    await postChat(urlA, { message: MESSAGE, sessionId: 'r-ended', userId: 'u1' })
    t.ok((await admin.keys('tb:events:*')).length > 0, 'the events are in Redis for resumes')
    t.equal((await b.inject({ method: 'DELETE', url: '/sessions/r-ended?userId=u1' })).statusCode, 204)
    t.same(await admin.keys('tb:events:*'), [], 'no event stream is left')
    t.same(await admin.keys('tb:*r-ended*'), [], 'no key of the session is left')
    await gone(t, a, 'r-ended')
    await gone(t, b, 'r-ended')
  })

  await t.test('a running reply, followed from B: both streams end erased, nothing is stored', async (t) => {
    let follower: Promise<string> | undefined
    let erased: Promise<any> | undefined
    let contents = 0
    const stream = await postChat(urlA, { message: MESSAGE, sessionId: 'r-live', userId: 'u1' }, {
      onEvent: (event) => {
        if (!('content' in event)) return
        contents++
        if (contents === 1) follower = fetch(`${urlB}/sessions/r-live/stream?userId=u1`).then(async res => await res.text())
        if (contents === 4) erased = b.inject({ method: 'DELETE', url: '/sessions/r-live?userId=u1' })
      }
    })
    t.equal((await erased)?.statusCode, 204)
    t.match(stream.events.at(-1), { code: 'SESSION_ERASED' }, "A's client is told")
    const followed = await follower as string
    t.match(followed, /SESSION_ERASED/, "B's reader is ended and told")
    await sleep(300)
    t.same(await admin.keys('tb:events:*'), [], 'no event stream is left')
    t.same(await admin.keys('tb:*r-live*'), [], 'no key of the session is left, nor written again when the reply ended')
    await gone(t, a, 'r-live')
    await gone(t, b, 'r-live')
  })
})
