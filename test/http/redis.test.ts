// STORE=redis with a real redis-server: two instances share sessions, locks and replies.
import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { build, listen, postChat } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { startRedis } from '../support/redis-server.ts'

t.test('two instances on one Redis', async (t) => {
  const redis = await startRedis(t)
  if (redis === undefined) return
  const env = { STORE: 'redis', REDIS_URL: redis.url, REFLECTIVE_WORD_DELAY_MS: '15' }
  const a = await build(t, { env })
  const b = await build(t, { env })
  const urlA = await listen(a)
  const urlB = await listen(b)

  await t.test('history written through A is read through B', async (t) => {
    const reply = await postChat(urlA, { message: 'I feel anxious about work', sessionId: 'shared', userId: 'u1' })
    const history = (await b.inject({ method: 'GET', url: '/sessions/shared/messages?userId=u1' })).json()
    t.same(history.messages.map((m: any) => m.content), ['I feel anxious about work', reply.text])
    t.equal(history.messages[1].status, 'complete')
    t.equal((await b.inject({ method: 'GET', url: '/sessions/shared/messages?userId=u2' })).statusCode, 404)
  })

  await t.test('a second message to a busy session sent to B gets 409', async (t) => {
    let busy: Promise<any> | undefined
    const stream = await postChat(urlA, { message: 'tell me more about how you listen', sessionId: 'busy', userId: 'u1' }, {
      onEvent: (event) => { if ('content' in event && busy === undefined) busy = b.inject({ method: 'POST', url: '/chat', payload: { message: 'hello?', sessionId: 'busy', userId: 'u1' } }) }
    })
    const res = await busy
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'SESSION_BUSY')
    t.match(stream.events.at(-1), { done: true })
    t.equal((await b.inject({ method: 'POST', url: '/chat', payload: { message: 'now?', sessionId: 'busy', userId: 'u1' } })).statusCode, 200, 'free again once the reply ends')
  })

  await t.test('a stream started on A is resumed through B with nothing lost or repeated', async (t) => {
    const controller = new AbortController()
    let seen = 0
    const first = await postChat(urlA, { message: 'I have been feeling lonely since I moved to a new city', sessionId: 'resume', userId: 'u1' }, {
      signal: controller.signal,
      onEvent: (event) => { if ('content' in event && ++seen === 3) controller.abort() }
    })
    const response = await fetch(`${urlB}/sessions/resume/stream?userId=u1`, { headers: { 'last-event-id': first.ids.at(-1) as string } })
    t.equal(response.status, 200)
    const rest = sseEvents(await response.text())
    const text = first.text + rest.filter(e => 'content' in e.data).map(e => e.data.content).join('')
    t.match(rest.at(-1)?.data, { done: true, stopReason: 'end_turn' })
    const seqs = [...first.ids, ...rest.map(e => e.id)].map(id => Number(String(id).split(':')[1]))
    t.same(seqs, seqs.map((_s, i) => i), 'ids continue without gap or repeat')
    const stored = (await a.inject({ method: 'GET', url: '/sessions/resume/messages?userId=u1' })).json().messages
    t.equal(stored[1].content, text, 'the stored reply is what the two connections showed')
  })

  await t.test('a retry with the same Idempotency-Key sent to B follows the reply started on A', async (t) => {
    const body = { message: 'I have not slept well all week', sessionId: 'idem', userId: 'u1' }
    const headers = { 'idempotency-key': '"idem-b"' }
    const controller = new AbortController()
    let seen = 0
    const first = await postChat(urlA, body, { signal: controller.signal, headers, onEvent: (event) => { if ('content' in event && ++seen === 2) controller.abort() } })
    const retried = await postChat(urlB, body, { headers: { ...headers, 'last-event-id': first.ids.at(-1) as string } })
    t.equal(retried.status, 200)
    t.match(retried.events.at(-1), { done: true, stopReason: 'end_turn' })
    const stored = (await a.inject({ method: 'GET', url: '/sessions/idem/messages?userId=u1' })).json().messages
    t.same(stored.map((m: any) => m.role), ['user', 'assistant'], 'stored once')
    t.equal(stored[1].content, first.text + retried.text)
    const reused = await b.inject({ method: 'POST', url: '/chat', headers, payload: { ...body, message: 'another' } })
    t.equal(reused.statusCode, 422)
  })

  await t.test('a stop sent to B stops the reply running on A', async (t) => {
    let stop: Promise<any> | undefined
    const stream = await postChat(urlA, { message: 'I keep worrying about my exams and my family', sessionId: 'stop', userId: 'u1' }, {
      onEvent: (event) => { if ('content' in event && stop === undefined) stop = b.inject({ method: 'POST', url: '/sessions/stop/stop?userId=u1' }) }
    })
    t.equal((await stop)?.statusCode, 204)
    t.match(stream.events.at(-1), { done: true, stopReason: 'stopped' })
    const stored = (await b.inject({ method: 'GET', url: '/sessions/stop/messages?userId=u1' })).json().messages
    t.equal(stored[1].status, 'interrupted')
  })

  await t.test('rate-limit counters are shared by the instances', async (t) => {
    // A database of its own, so the counts of the other tests do not spill in.
    const limitedEnv = { ...env, RATE_LIMIT_MAX: '3', REDIS_URL: `${redis.url}/1` }
    const c = await build(t, { env: limitedEnv })
    const d = await build(t, { env: limitedEnv })
    const codes = []
    for (const app of [c, d, c, d]) codes.push((await app.inject({ method: 'GET', url: '/sessions/rl/messages' })).statusCode)
    t.same(codes, [404, 404, 404, 429])
  })

  await t.test('Redis gone mid-chat: an error event and readiness 503; back again: 200', async (t) => {
    t.equal((await a.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200)
    let stopped: Promise<void> | undefined
    const stream = await postChat(urlA, { message: 'I feel so tired of everything at work lately', sessionId: 'outage', userId: 'u1' }, {
      onEvent: (event) => { if ('content' in event && stopped === undefined) stopped = redis.stop() }
    })
    await stopped
    t.match(stream.events.at(-1), { error: String, code: 'STORE_UNAVAILABLE' }, 'the reply could not be stored: the client is told')
    const ready = await a.inject({ method: 'GET', url: '/health/ready' })
    t.equal(ready.statusCode, 503)
    t.equal(ready.json().checks.store, 'unavailable')
    const chat = await a.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: 'outage2', userId: 'u1' } })
    t.equal(chat.statusCode, 503, 'chat answers 503 rather than hanging')
    t.equal(chat.json().code, 'STORE_UNAVAILABLE')
    t.equal((await a.inject({ method: 'GET', url: '/health/live' })).statusCode, 200)

    await redis.start()
    let status = 0
    for (let i = 0; i < 40 && status !== 200; i++) {
      await sleep(100)
      status = (await a.inject({ method: 'GET', url: '/health/ready' })).statusCode
    }
    t.equal(status, 200, 'service resumes by itself')
    t.equal((await b.inject({ method: 'POST', url: '/chat', payload: { message: 'back', sessionId: 'outage3', userId: 'u1' } })).statusCode, 200)
  })
})
