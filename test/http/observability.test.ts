// Models and observability through HTTP: the openai provider, prompt caching, /metrics, request ids in logs.
import t from 'tap'
import { Writable } from 'node:stream'
import { build, freePort, listen, postChat } from '../support/helper.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'
import { startOpenAIMock } from '../support/mocks/openai.ts'

t.test('AGENT_PROVIDER=openai answers through an OpenAI-compatible server', async (t) => {
  const mock = await startOpenAIMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: mock.url, OPENAI_MODEL: 'llama-3-8b' } })
  t.same((await app.inject({ method: 'GET', url: '/' })).json().agent, { provider: 'openai', model: 'llama-3-8b' })
  mock.enqueue({ tokens: ['Hello', ' from', ' a local model'], inputTokens: 30 })
  const stream = await postChat(await listen(app), { message: 'hi', sessionId: 'oa' })
  t.equal(stream.text, 'Hello from a local model')
  t.match(stream.events.at(-1), { done: true, stopReason: 'end_turn', usage: { inputTokens: 30, outputTokens: 3 } })
  t.equal(mock.requests[0]?.body.model, 'llama-3-8b')
  t.match(mock.requests[0]?.body.messages[0], { role: 'system', content: /not a replacement for professional care/ })
  t.same(mock.requests[0]?.body.stream_options, { include_usage: true })
})

t.test('Anthropic prompt caching: the system prompt and the stable history prefix carry cache_control', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url } })
  const url = await listen(app)
  await postChat(url, { message: 'first', sessionId: 'cache' })
  await postChat(url, { message: 'second', sessionId: 'cache' })
  mock.enqueue({ tokens: ['ok'], inputTokens: 12, cacheReadTokens: 900, cacheWriteTokens: 40 })
  const third = await postChat(url, { message: 'third', sessionId: 'cache' })

  const body = mock.requests[2]?.body
  t.same(body.system.at(0).cache_control, { type: 'ephemeral' }, 'the system prompt is cached')
  const marked = body.messages.flatMap((message: any, index: number) =>
    Array.isArray(message.content) && message.content.some((block: any) => block.cache_control !== undefined) ? [index] : [])
  t.same(marked, [body.messages.length - 2], 'the breakpoint ends the stable prefix, before the newest turn')
  t.equal(typeof body.messages.at(-1).content, 'string', 'the newest turn is not cached')
  t.match(third.events.at(-1), { usage: { inputTokens: 12, cacheReadTokens: 900, cacheWriteTokens: 40 } })

  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(metrics, /therapybot_model_tokens_total\{provider="anthropic",kind="cache_read"\} 900/)
  t.match(metrics, /therapybot_model_tokens_total\{provider="anthropic",kind="cache_write"\} 40/)
})

t.test('/metrics: requests by route and status, chat, model, safety and store metrics; never a user, session or text', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, AGENT_MAX_RETRIES: '1' } })
  const url = await listen(app)
  await postChat(url, { message: 'I feel fine', sessionId: 'secret-session-77', userId: 'secret-user-42' })
  await postChat(url, { message: 'I want to die', sessionId: 'secret-session-78', userId: 'secret-user-42' })
  mock.enqueue({ status: 529 }, { tokens: ['a', 'b'], errorAfter: 1 })
  await postChat(url, { message: 'hello again', sessionId: 'secret-session-79', userId: 'secret-user-42' })
  await app.inject({ method: 'GET', url: '/sessions/secret-session-77/messages?userId=secret-user-42' })

  const res = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain/)
  const text = res.body
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/chat",status_code="200"\} 3/)
  t.match(text, /http_request_duration_seconds_count\{method="GET",route="\/sessions\/:sessionId\/messages",status_code="200"\} 1/)
  t.match(text, /therapybot_chat_streams_open 0/)
  t.match(text, /therapybot_chat_time_to_first_token_seconds_count\{provider="anthropic"\} 3/)
  t.match(text, /therapybot_chat_stream_duration_seconds_count\{provider="anthropic",status="complete"\} 2/)
  t.match(text, /therapybot_chat_stream_duration_seconds_count\{provider="anthropic",status="failed"\} 1/)
  t.match(text, /therapybot_model_tokens_total\{provider="anthropic",kind="output"\} \d+/)
  t.match(text, /therapybot_model_retries_total\{provider="anthropic",kind="overloaded"\} 1/)
  t.match(text, /therapybot_model_errors_total\{provider="anthropic",kind="overloaded"\} 1/)
  t.match(text, /therapybot_safety_flags_total\{level="elevated",category="self_harm"\} 1/, "a wish to be dead is the screener's first step: elevated")
  t.match(text, /therapybot_store_operation_seconds_count\{operation="appendMessage",outcome="ok"\} \d+/)
  t.match(text, /process_resident_memory_bytes/)
  t.notMatch(text, /secret-(user|session)/, 'no user or session id anywhere')
  t.notMatch(text, /feel fine|want to die/, 'no text anywhere')
})

t.test('METRICS_PORT serves /metrics on its own port only', async (t) => {
  const port = await freePort()
  const app = await build(t, { env: { METRICS_PORT: String(port), HOST: '127.0.0.1' } })
  const url = await listen(app)
  t.equal((await fetch(`${url}/metrics`)).status, 404, 'not on the API port')
  const res = await fetch(`http://127.0.0.1:${port}/metrics`)
  t.equal(res.status, 200)
  t.match(await res.text(), /therapybot_chat_streams_open/)
})

t.test('X-Request-Id is on every response and every log line of the request; one summary line per chat', async (t) => {
  const lines: any[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  const app = await build(t, { logStream, env: { LOG_LEVEL: 'info' } })
  const url = await listen(app)
  const res = await fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123' },
    body: JSON.stringify({ message: 'I feel anxious', sessionId: 'rid' })
  })
  t.equal(res.headers.get('x-request-id'), 'trace-abc-123')
  await res.text()
  const own = lines.filter(line => line.reqId === 'trace-abc-123')
  t.ok(own.length >= 3, `${own.length} lines carry the request id`)
  const summary = own.filter(line => line.msg === 'chat reply ended')
  t.equal(summary.length, 1, 'one summary line')
  t.match(summary[0], { provider: 'reflective', model: 'reflective-listener-1', status: 'complete', stopReason: 'end_turn', usage: { inputTokens: Number, outputTokens: Number }, ttftMs: Number, durationMs: Number })
  const made = await fetch(`${url}/health`)
  t.match(made.headers.get('x-request-id'), /^[0-9a-f-]{36}$/, 'made when not given')
})
