// When the configured model fails before its first token (after its retries), the offline listener answers
// and `done` says so; AGENT_FALLBACK=none keeps the error event; a failure after the first token stays an error.
import t, { type Test } from 'tap'
import { build, listen, postChat } from '../support/helper.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'
import { CRISIS_REPLIES } from '../../src/safety/messages.ts'

async function setup (t: Test, env: Record<string, string> = {}) {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, AGENT_MAX_RETRIES: '1', AGENT_FALLBACK: 'reflective', ...env } })
  return { url: await listen(app), mock, app }
}

t.test('a model that is down: the listener answers, done says fallback, the reply is stored', async (t) => {
  const { url, mock, app } = await setup(t)
  mock.defaultReply = { status: 529 }
  const stream = await postChat(url, { message: 'I feel really anxious about work', sessionId: 'fb-1' })
  t.equal(mock.requests.length, 2, 'the model was tried with its retries first')
  t.match(stream.text, /\w+/, 'a reply, not an error')
  t.notOk(stream.events.some(e => 'error' in e))
  t.match(stream.events.at(-1), { done: true, fallback: true, stopReason: 'end_turn' })
  const messages = (await app.inject({ method: 'GET', url: '/sessions/fb-1/messages' })).json().messages
  t.same(messages.map((m: any) => [m.role, m.status]), [['user', 'complete'], ['assistant', 'complete']])
  t.equal(messages[1].content, stream.text)
})

t.test('a flagged message with the model down gets the fixed crisis reply', async (t) => {
  const { url, mock } = await setup(t)
  mock.defaultReply = { status: 500 }
  const stream = await postChat(url, { message: "i've decided, i'm ending it all tonight", sessionId: 'fb-2' })
  t.equal(stream.events[0].safety.level, 'crisis')
  t.equal(stream.text, CRISIS_REPLIES.self_harm)
  t.match(stream.events.at(-1), { done: true, fallback: true })
})

t.test('a model that answers: no fallback mark', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['I ', 'hear ', 'you'] })
  const stream = await postChat(url, { message: 'hi', sessionId: 'fb-3' })
  t.equal(stream.text, 'I hear you')
  t.notOk('fallback' in stream.events.at(-1))
})

t.test('a failure after the first token stays an error event', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['one ', 'two ', 'three'], errorAfter: 2 })
  const stream = await postChat(url, { message: 'hi', sessionId: 'fb-4' })
  t.match(stream.events.at(-1), { code: 'AGENT_UNAVAILABLE' })
})

t.test('AGENT_FALLBACK=none keeps the error event', async (t) => {
  const { url, mock } = await setup(t, { AGENT_FALLBACK: 'none' })
  mock.defaultReply = { status: 529 }
  const stream = await postChat(url, { message: 'hi', sessionId: 'fb-5' })
  t.same(stream.replyEvents, [{ error: 'The model service is unavailable, please try again', code: 'AGENT_UNAVAILABLE' }])
})

t.test('readiness says when the model keeps failing, stays ready (the listener answers), and recovers', async (t) => {
  for (const fallback of ['reflective', 'none']) {
    const { url, mock, app } = await setup(t, { AGENT_FALLBACK: fallback })
    const agentCheck = async () => {
      const ready = await app.inject('/health/ready')
      t.equal(ready.statusCode, 200, `${fallback}: still ready`)
      return ready.json().checks.agent
    }
    t.equal(await agentCheck(), 'ok', `${fallback}: before any reply`)
    mock.defaultReply = { status: 529 }
    for (let i = 0; i < 3; i++) await postChat(url, { message: 'are you there?', sessionId: `fb-health-${fallback}-${i}` })
    t.equal(await agentCheck(), 'failing', `${fallback}: after three failed replies in a row`)
    mock.enqueue({ tokens: ['I ', 'am ', 'here'] })
    t.equal((await postChat(url, { message: 'hello?', sessionId: `fb-health-${fallback}-ok` })).text, 'I am here')
    t.equal(await agentCheck(), 'ok', `${fallback}: once the model answers again`)
  }
})
