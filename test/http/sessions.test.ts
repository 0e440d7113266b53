// Session history, ownership and erasure; durability of the sqlite store across a restart.
import t from 'tap'
import { join } from 'node:path'
import { build, listen, postChat } from '../support/helper.ts'
import type { Agent } from '../../src/agent/types.ts'

t.test('history is oldest first and each reply equals the streamed text', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const streamed: string[] = []
  for (const message of ['I feel anxious about work', 'My boss keeps adding deadlines', 'I cannot sleep']) {
    streamed.push((await postChat(url, { message, sessionId: 'h1', userId: 'u1' })).text)
  }
  const res = await app.inject({ method: 'GET', url: '/sessions/h1/messages?userId=u1' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.sessionId, 'h1')
  t.same(body.messages.map((m: any) => m.content), [
    'I feel anxious about work', streamed[0], 'My boss keeps adding deadlines', streamed[1], 'I cannot sleep', streamed[2]
  ])
  t.same(body.messages.map((m: any) => m.role), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'])
  t.ok(body.messages.every((m: any) => m.status === 'complete' && !Number.isNaN(Date.parse(m.createdAt)) && m.id.length > 0))
})

t.test("one user never reads or erases another user's session", async (t) => {
  const app = await build(t)
  await app.inject({ method: 'POST', url: '/chat', payload: { message: 'private words', sessionId: 'shared-id', userId: 'alice' } })
  const bob = await app.inject({ method: 'GET', url: '/sessions/shared-id/messages?userId=bob' })
  t.equal(bob.statusCode, 404)
  t.same(bob.json(), { error: 'Session not found', code: 'SESSION_NOT_FOUND', statusCode: 404 })
  const anonymous = await app.inject({ method: 'GET', url: '/sessions/shared-id/messages' })
  t.equal(anonymous.statusCode, 404)
  const missing = await app.inject({ method: 'GET', url: '/sessions/never-was/messages?userId=alice' })
  t.same(missing.json(), bob.json(), 'exactly as for a session that does not exist')

  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/shared-id?userId=bob' })).statusCode, 204)
  const alice = await app.inject({ method: 'GET', url: '/sessions/shared-id/messages?userId=alice' })
  t.equal(alice.json().messages.length, 2, "bob's delete did not touch alice's session")
})

t.test('DELETE erases the session and answers 204, also when nothing is there', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: 'gone', userId: 'u1' } })
  await app.inject({ method: 'POST', url: '/chat', payload: { message: 'hello', sessionId: 'kept', userId: 'u1' } })
  const del = await app.inject({ method: 'DELETE', url: '/sessions/gone?userId=u1' })
  t.equal(del.statusCode, 204)
  t.equal(del.body, '')
  t.equal((await app.inject({ method: 'GET', url: '/sessions/gone/messages?userId=u1' })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/sessions/kept/messages?userId=u1' })).statusCode, 200)
  t.equal((await app.inject({ method: 'DELETE', url: '/sessions/gone?userId=u1' })).statusCode, 204)
})

t.test('bad session or user ids in the path or query are 400 JSON', async (t) => {
  const app = await build(t)
  const badPath = await app.inject({ method: 'GET', url: '/sessions/a%20b/messages' })
  t.equal(badPath.statusCode, 400)
  t.match(badPath.json(), { code: 'INVALID_REQUEST', error: /sessionId/ })
  const badQuery = await app.inject({ method: 'DELETE', url: `/sessions/ok?userId=${'x'.repeat(200)}` })
  t.equal(badQuery.statusCode, 400)
  t.match(badQuery.json(), { code: 'INVALID_REQUEST', error: /userId/ })
})

t.test('sqlite keeps every session across a restart', async (t) => {
  const dir = t.testdir()
  const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'nested', 'therapybot.db') }
  const first = await build(t, { env })
  const url = await listen(first)
  const reply = await postChat(url, { message: 'Remember this', sessionId: 'durable', userId: 'u1' })
  await first.close()

  const second = await build(t, { env })
  const res = await second.inject({ method: 'GET', url: '/sessions/durable/messages?userId=u1' })
  t.equal(res.statusCode, 200)
  t.same(res.json().messages.map((m: any) => [m.role, m.content, m.status]), [
    ['user', 'Remember this', 'complete'],
    ['assistant', reply.text, 'complete']
  ])
  // And the conversation goes on where it was.
  const next = await second.inject({ method: 'POST', url: '/chat', payload: { message: 'and this', sessionId: 'durable', userId: 'u1' } })
  t.equal(next.statusCode, 200)
  t.equal((await second.inject({ method: 'GET', url: '/sessions/durable/messages?userId=u1' })).json().messages.length, 4)
})

/** An agent whose replies come from `stream`, for the failure cases the real providers do not produce on demand. */
function testAgent (provider: string, stream: Agent['stream']): Agent {
  return { provider, model: `${provider}-1`, promptTokens: 0, stream }
}

t.test('an agent that throws mid-stream ends the stream with an error event and the process keeps serving', async (t) => {
  const agent = testAgent('broken', async function * () {
    yield 'partial '
    throw new Error('boom')
  })
  const app = await build(t, { agent })
  const url = await listen(app)
  const stream = await postChat(url, { message: 'hi', sessionId: 'boom', userId: 'u1' })
  t.same(stream.replyEvents, [{ content: 'partial ' }, { error: 'The reply could not be completed, please try again', code: 'AGENT_ERROR' }])
  t.equal((await fetch(`${url}/health`)).status, 200)
  const messages = (await app.inject({ method: 'GET', url: '/sessions/boom/messages?userId=u1' })).json().messages
  t.same(messages.map((m: any) => m.status), ['complete', 'failed'])
})

t.test('stopping a reply whose agent ignores the abort signal still ends it, stored as interrupted', async (t) => {
  let release: () => void = () => {}
  const agent = testAgent('deaf', async function * () {
    yield 'first '
    // Never looks at the signal: waits until the test ends.
    await new Promise<void>(resolve => { release = resolve })
    yield 'never sent'
    return { stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 2 } }
  })
  t.teardown(() => release())
  const app = await build(t, { agent })
  const url = await listen(app)
  let stopped: Promise<any> | undefined
  const stream = await postChat(url, { message: 'hi', sessionId: 'deaf', userId: 'u1' }, {
    onEvent: (event) => {
      if (event.content === 'first ') stopped = app.inject({ method: 'POST', url: '/sessions/deaf/stop?userId=u1' })
    }
  })
  t.equal((await stopped)?.statusCode, 204)
  t.same(stream.replyEvents, [{ content: 'first ' }, { done: true, messageId: String(stream.replyEvents[1]?.messageId), stopReason: 'stopped' }])
  const messages = (await app.inject({ method: 'GET', url: '/sessions/deaf/messages?userId=u1' })).json().messages
  t.same(messages.map((m: any) => [m.content, m.status]), [['hi', 'complete'], ['first ', 'interrupted']])
})
