// The crisis hand-off: flags delivered to the operator's webhook, signed (Standard Webhooks),
// de-identified, retried with the same id, resumed after a restart, sent once across instances.
import t from 'tap'
import { createHmac, randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { SCREEN_VERSION } from '../../src/safety/screen.ts'
import { build, freePort, listen, postChat, TEST_ENV } from '../support/helper.ts'
import { startRedis } from '../support/redis-server.ts'
import { startReceiver, waitFor } from '../support/webhook-receiver.ts'

const SECRET = `whsec_${randomBytes(32).toString('base64')}`
const CRISIS = "i've decided, i'm ending it all tonight"
const ELEVATED = 'I want to die'

function handoffEnv (url: string, more: Record<string, string> = {}): Record<string, string> {
  return { HANDOFF_WEBHOOK_URL: url, HANDOFF_WEBHOOK_SECRET: SECRET, HANDOFF_RETRY_BASE_MS: '20', HANDOFF_TIMEOUT_MS: '1500', ...more }
}

function pseudonym (parts: string[]): string {
  return createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64')).update(JSON.stringify(parts)).digest('base64url')
}

async function handoffCount (app: FastifyInstance, outcome: string): Promise<number> {
  const text = await app.telemetry.registry.getSingleMetricAsString('therapybot_handoff_events_total')
  return Number(new RegExp(`outcome="${outcome}"} (\\d+)`).exec(text)?.[1] ?? 0)
}

function outboxRows (file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM handoff_outbox').get() as { n: number }).n
  } finally {
    db.close()
  }
}

t.test('a crisis flag reaches the webhook after a timeout and a 500: signed, one id, nothing that names the user', async (t) => {
  const receiver = await startReceiver(t, SECRET, { plan: ['hang', 500] })
  const lines: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(chunk.toString()); done() } })
  const app = await build(t, { logStream, env: { ...handoffEnv(receiver.url), LOG_LEVEL: 'info' } })
  const url = await listen(app)
  const userId = 'raw-user-5521'
  const sessionId = 'raw-session-8830'

  const stream = await postChat(url, { message: CRISIS, sessionId, userId })
  t.match(stream.events.at(-1), { done: true })
  t.equal(receiver.delivered().length, 0, 'the reply ended before the webhook took the event')
  await waitFor(() => receiver.delivered().length === 1, 'the delivery')

  t.equal(receiver.requests.length, 3, 'a timeout, a 500, then delivered')
  const [id] = receiver.delivered()
  t.match(id, /^msg_/)
  t.ok(receiver.requests.every(r => r.id === id), 'the same webhook-id on every attempt')
  t.ok(receiver.requests.every(r => r.verified !== undefined), 'every attempt verifies with the secret')
  t.ok(receiver.requests.every(r => r.body === receiver.requests[0]?.body), 'the same body on every attempt')
  const body = JSON.parse(receiver.requests[0]?.body as string)
  t.same(receiver.requests[0]?.verified, body)
  t.match(body, {
    id,
    type: 'crisis.detected',
    timestamp: String,
    data: {
      session: pseudonym(['session', userId, sessionId]),
      user: pseudonym(['user', userId]),
      level: 'crisis',
      category: 'self_harm',
      screenVersion: SCREEN_VERSION,
      profiles: ['us-ny', 'us-ca', 'us-ut', 'eu']
    }
  })
  t.ok(body.data.signals.includes('self_harm.plan'))
  t.same(body.data.resources, stream.events[0].safety.resources, 'the resources the user was shown')
  for (const secret of [CRISIS, 'ending it all', userId, sessionId]) {
    t.notOk(receiver.requests[0]?.body.includes(secret), `the body holds no ${secret}`)
  }
  const timestamp = Number(receiver.requests.at(-1)?.headers['webhook-timestamp'])
  t.ok(Math.abs(timestamp - Date.now() / 1000) < 60, 'webhook-timestamp is the attempt\'s time, in seconds')

  await postChat(url, { message: CRISIS, sessionId: 'another', userId })
  await waitFor(() => receiver.delivered().length === 2, 'the second delivery')
  const second = JSON.parse(receiver.requests.at(-1)?.body as string)
  t.not(second.id, id, 'a new event, a new id')
  t.equal(second.data.user, body.data.user, 'the user\'s pseudonym is stable')
  t.not(second.data.session, body.data.session)

  // The receiver records a delivery before the app has read its answer.
  await waitFor(async () => await handoffCount(app, 'delivered') === 2, 'the deliveries to be counted')
  t.equal(await handoffCount(app, 'retried'), 2)
  t.equal(await handoffCount(app, 'abandoned'), 0)
  const log = lines.join('')
  for (const secret of [CRISIS, userId, sessionId, SECRET, SECRET.slice(6), body.data.user, receiver.url]) {
    t.notOk(log.includes(secret), `the log holds no ${secret === SECRET ? 'secret' : secret}`)
  }
  const failures = lines.map(line => JSON.parse(line)).filter(entry => entry.msg === 'crisis hand-off failed: retrying')
  t.same(failures.map(entry => entry.handoff.reason), ['timeout', 'status 500'])
})

t.test('the reply never waits for the webhook', async (t) => {
  const receiver = await startReceiver(t, SECRET, { plan: ['hang'] })
  const app = await build(t, { env: handoffEnv(receiver.url, { HANDOFF_TIMEOUT_MS: '600000' }) })
  const stream = await postChat(await listen(app), { message: CRISIS, sessionId: 'held' })
  t.match(stream.events.at(-1), { done: true }, 'the stream ends while the webhook holds its request unanswered')
  await waitFor(() => receiver.requests.length === 1, 'the attempt')
  t.equal(await handoffCount(app, 'retried') + await handoffCount(app, 'delivered'), 0, 'still under way')
})

t.test('elevated flags are handed off only with HANDOFF_LEVELS=elevated,crisis', async (t) => {
  const receiver = await startReceiver(t, SECRET)
  const crisisOnly = await build(t, { env: handoffEnv(receiver.url) })
  await postChat(await listen(crisisOnly), { message: ELEVATED, sessionId: 'e1' })
  const both = await build(t, { env: handoffEnv(receiver.url, { HANDOFF_LEVELS: 'elevated,crisis' }) })
  await postChat(await listen(both), { message: ELEVATED, sessionId: 'e2' })
  await waitFor(() => receiver.delivered().length === 1, 'the elevated flag')
  t.match(JSON.parse(receiver.requests[0]?.body as string).data, { level: 'elevated', category: 'self_harm' })
  t.equal(await handoffCount(crisisOnly, 'delivered'), 0, 'the default sends crisis flags only')
})

t.test('a refused connection is retried until the webhook listens', async (t) => {
  const port = await freePort()
  const app = await build(t, { env: handoffEnv(`http://127.0.0.1:${port}/hooks/crisis`) })
  await postChat(await listen(app), { message: CRISIS, sessionId: 'refused' })
  await waitFor(async () => await handoffCount(app, 'retried') >= 1, 'a refused attempt')
  const receiver = await startReceiver(t, SECRET, { port })
  await waitFor(async () => await handoffCount(app, 'delivered') === 1, 'the delivery')
  t.equal(receiver.delivered().length, 1)
})

t.test('abandoned after HANDOFF_MAX_ATTEMPTS, and counted', async (t) => {
  const receiver = await startReceiver(t, SECRET, { plan: [503, 503, 503, 503, 503] })
  const file = join(t.testdir(), 'abandon.db')
  const app = await build(t, { env: handoffEnv(receiver.url, { HANDOFF_MAX_ATTEMPTS: '3', STORE: 'sqlite', SQLITE_PATH: file }) })
  await postChat(await listen(app), { message: CRISIS, sessionId: 'abandon' })
  await waitFor(async () => await handoffCount(app, 'abandoned') === 1, 'the event to be given up')
  t.equal(receiver.requests.length, 3, 'three attempts, no more')
  t.equal(await handoffCount(app, 'retried'), 2)
  t.equal(outboxRows(file), 0, 'it left the outbox')
})

t.test('after a restart the outbox is delivered: a pending retry and a request cut off by the shutdown, each id once', async (t) => {
  const file = join(t.testdir(), 'restart.db')
  const receiver = await startReceiver(t, SECRET, { plan: [500, 'hang'] })
  const env = { ...TEST_ENV, ...handoffEnv(receiver.url, { STORE: 'sqlite', SQLITE_PATH: file, HANDOFF_RETRY_BASE_MS: '1000', HANDOFF_TIMEOUT_MS: '60000' }) }
  const first = await buildApp({ env })
  const url = await listen(first)
  await postChat(url, { message: CRISIS, sessionId: 'before-1' })
  await waitFor(async () => await handoffCount(first, 'retried') === 1, 'the first attempt to fail')
  await postChat(url, { message: CRISIS, sessionId: 'before-2' })
  await waitFor(() => receiver.requests.length === 2, 'the second event to be under way')
  await first.close()
  t.equal(outboxRows(file), 2, 'both wait in the outbox')
  const [retrying, cutOff] = receiver.requests.map(r => r.id)

  const second = await build(t, { env: handoffEnv(receiver.url, { STORE: 'sqlite', SQLITE_PATH: file }) })
  await waitFor(async () => await handoffCount(second, 'delivered') === 2, 'both to be delivered')
  t.same([...receiver.delivered()].sort(), [retrying, cutOff].sort(), 'each id delivered once')
  t.same(receiver.requests.slice(2).map(r => r.id).sort(), [retrying, cutOff].sort(), 'each sent again with its id, nothing new')
  t.equal(outboxRows(file), 0)
})

t.test('two instances on one Redis send each event once', async (t) => {
  const redis = await startRedis(t)
  if (redis === undefined) return
  // Every first attempt fails, so the retries are up for grabs by both instances.
  const receiver = await startReceiver(t, SECRET, { answer: (earlier) => earlier.length === 0 ? 500 : 200 })
  const env = handoffEnv(receiver.url, { STORE: 'redis', REDIS_URL: redis.url, HANDOFF_RETRY_BASE_MS: '10' })
  const a = await build(t, { env })
  const b = await build(t, { env })
  const urls = [await listen(a), await listen(b)]
  for (let i = 0; i < 6; i++) await postChat(urls[i % 2] as string, { message: CRISIS, sessionId: `shared-${i}` })
  await waitFor(() => new Set(receiver.delivered()).size === 6, 'six deliveries')
  await waitFor(async () => await handoffCount(a, 'delivered') + await handoffCount(b, 'delivered') === 6, 'both instances to count them')
  t.equal(receiver.delivered().length, 6, 'no id delivered twice')
  t.equal(receiver.requests.length, 12, 'each id: one failed attempt, one delivery')
  t.equal(await handoffCount(a, 'retried') + await handoffCount(b, 'retried'), 6)
})

t.test('without a webhook URL nothing is sent and nothing stored', async (t) => {
  const file = join(t.testdir(), 'off.db')
  const app = await build(t, { env: { STORE: 'sqlite', SQLITE_PATH: file } })
  t.equal(app.handoff, null)
  const stream = await postChat(await listen(app), { message: CRISIS, sessionId: 'off' })
  t.match(stream.events[0], { safety: { level: 'crisis' } })
  await app.close()
  t.equal(outboxRows(file), 0)
})

t.test('an erased session leaves its pending hand-off with nothing that leads back to it', async (t) => {
  const file = join(t.testdir(), 'erase.db')
  const receiver = await startReceiver(t, SECRET, { plan: [500] })
  const app = await build(t, { env: handoffEnv(receiver.url, { STORE: 'sqlite', SQLITE_PATH: file, HANDOFF_RETRY_BASE_MS: '60000' }) })
  const userId = 'erased-user-3307'
  await postChat(await listen(app), { message: CRISIS, sessionId: 'erased-session-1190', userId })
  await waitFor(async () => await handoffCount(app, 'retried') === 1, 'a failed attempt')
  t.equal((await app.inject({ method: 'DELETE', url: `/sessions/erased-session-1190?userId=${userId}` })).statusCode, 204)
  const db = new Database(file, { readonly: true })
  const rows = db.prepare('SELECT * FROM handoff_outbox').all() as Array<Record<string, unknown>>
  db.close()
  t.equal(rows.length, 1, 'still to be delivered')
  const text = JSON.stringify(rows)
  t.notOk(text.includes(userId) || text.includes('erased-session-1190'), 'no raw id in the outbox')
})

t.test('the hand-off settings are checked at boot', async (t) => {
  const boot = (env: Record<string, string>) => buildApp({ env: { ...TEST_ENV, ...env } })
  await t.rejects(boot({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:1/x' }), /HANDOFF_WEBHOOK_SECRET/)
  await t.rejects(boot({ HANDOFF_WEBHOOK_SECRET: SECRET }), /HANDOFF_WEBHOOK_URL/)
  await t.rejects(boot({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:1/x', HANDOFF_WEBHOOK_SECRET: 'plain-secret' }), /HANDOFF_WEBHOOK_SECRET/)
  await t.rejects(boot({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:1/x', HANDOFF_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' }), /at least 24/)
  await t.rejects(boot({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:1/x', HANDOFF_WEBHOOK_SECRET: SECRET, HANDOFF_LEVELS: 'none' }), /HANDOFF_LEVELS/)
})
