// POST /chat over a real socket, with the real Anthropic SDK talking to a loopback mock of its API.
import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { build, listen, postChat } from '../support/helper.ts'
import { conversation, startAnthropicMock, systemText, type AnthropicMock } from '../support/mocks/anthropic.ts'

async function setup (t: Test, env: Record<string, string> = {}): Promise<{ url: string, mock: AnthropicMock, app: Awaited<ReturnType<typeof build>> }> {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, {
    env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_MODEL: 'claude-test', ...env }
  })
  return { url: await listen(app), mock, app }
}

async function history (url: string, sessionId: string, userId = 'u1'): Promise<any[]> {
  const res = await fetch(`${url}/sessions/${sessionId}/messages?userId=${userId}`)
  return res.status === 200 ? ((await res.json()) as { messages: any[] }).messages : []
}

t.test('tokens stream in order as separate events with ids, then one done', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['I ', 'hear ', 'you', '. ', '😊 ', '你好'], inputTokens: 33 })
  const stream = await postChat(url, { message: 'I feel anxious', sessionId: 's1', userId: 'u1' })

  t.equal(stream.status, 200)
  t.match(stream.headers.get('content-type'), /^text\/event-stream/)
  t.match(stream.headers.get('cache-control'), /no-cache/)
  t.equal(stream.headers.get('connection'), 'keep-alive')
  t.equal(stream.headers.get('x-accel-buffering'), 'no')
  t.match(stream.events[0], { notice: { kind: 'ai_disclosure', message: /AI, not a person/ } }, 'a new session opens with the AI notice')
  t.same(stream.replyEvents.slice(0, -1), ['I ', 'hear ', 'you', '. ', '😊 ', '你好'].map(content => ({ content })))
  const done = stream.events.at(-1)
  t.match(done, { done: true, messageId: String, stopReason: 'end_turn', usage: { inputTokens: 33, outputTokens: 6 } })
  t.same(stream.ids, stream.events.map((_e, i) => `${done.messageId}:${i}`), 'ids are <replyId>:<sequence>')

  const messages = await history(url, 's1')
  t.same(messages.map(m => [m.role, m.content, m.status]), [
    ['user', 'I feel anxious', 'complete'],
    ['assistant', 'I hear you. 😊 你好', 'complete']
  ])
  t.equal(messages[1].id, done.messageId)

  // The model got the system prompt and the request; the next turn carries the whole conversation.
  t.equal(mock.requests[0]?.body.model, 'claude-test')
  t.equal(mock.requests[0]?.body.stream, true)
  t.match(systemText(mock.requests[0]?.body), /AI/)
  t.match(systemText(mock.requests[0]?.body), /not a replacement for professional care/)
  await postChat(url, { message: 'Work mostly', sessionId: 's1', userId: 'u1' })
  t.same(conversation(mock.requests[1]?.body), [
    { role: 'user', content: 'I feel anxious' },
    { role: 'assistant', content: 'I hear you. 😊 你好' },
    { role: 'user', content: 'Work mostly' }
  ])
  const auth = mock.requests[1]?.headers['x-api-key'] ?? mock.requests[1]?.headers.authorization
  t.match(auth, /test-key/, 'the API key reaches the model API')
})

t.test('the stream carries CORS headers for the calling origin', async (t) => {
  const { url } = await setup(t)
  const res = await fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://spa.example' },
    body: JSON.stringify({ message: 'hello', sessionId: 'cors-1' })
  })
  t.equal(res.headers.get('access-control-allow-origin'), 'http://spa.example')
  t.equal(res.headers.get('access-control-allow-credentials'), 'true')
  await res.text()
})

t.test('pings arrive while the model is slow, also before its first token', async (t) => {
  const { url, mock } = await setup(t, { SSE_KEEPALIVE_MS: '40' })
  mock.enqueue({ tokens: ['slow', ' reply'], tokenDelayMs: 200 })
  const stream = await postChat(url, { message: 'hi', sessionId: 'ping-1' })
  t.same(stream.sequence.slice(0, 2), ['notice', 'ping'], 'a ping came before the first token')
  t.ok(stream.comments.length >= 4, `pings: ${stream.comments.length}`)
  t.ok(stream.comments.every(c => c.trim() === 'ping'))
  t.equal(stream.text, 'slow reply')
  t.equal(stream.sequence.at(-1), 'done')
})

t.test('with STREAM_RESUME_WINDOW_MS=0 a client that disconnects aborts the model request at once; the partial reply is stored as interrupted', async (t) => {
  const { url, mock, app } = await setup(t, { STREAM_RESUME_WINDOW_MS: '0' })
  mock.enqueue({ tokens: Array.from({ length: 40 }, (_v, i) => `w${i} `), tokenDelayMs: 50 })
  const controller = new AbortController()
  let abortedAt = 0
  const stream = await postChat(url, { message: 'tell me', sessionId: 'abort-1' }, {
    signal: controller.signal,
    onEvent: (event) => {
      if (event.content === 'w2 ') {
        abortedAt = performance.now()
        controller.abort()
      }
    }
  })
  t.equal(stream.text, 'w0 w1 w2 ')
  // The mock sees its connection closed within a second.
  let waited = 0
  while (mock.requests[0]?.closedEarly !== true && waited < 2000) { await sleep(20); waited += 20 }
  t.equal(mock.requests[0]?.closedEarly, true, 'the upstream request was aborted')
  t.ok((mock.requests[0]?.closedAt ?? Infinity) - abortedAt < 1000, 'within a second')

  const read = async (): Promise<any[]> => (await app.inject({ method: 'GET', url: '/sessions/abort-1/messages' })).json().messages
  let messages = await read()
  for (let i = 0; i < 50 && messages.length < 2; i++) { await sleep(20); messages = await read() }
  t.equal(messages.length, 2)
  t.equal(messages[1].status, 'interrupted')
  t.ok(messages[1].content.startsWith('w0 w1 w2'), 'the partial reply is kept')
  t.ok(messages[1].content.length < 40 * 4, 'and it stopped early')
  // The session is free again.
  const next = await postChat(url, { message: 'again', sessionId: 'abort-1' })
  t.equal(next.status, 200)
})

t.test('an error after N tokens gives N content events then one error event; the server keeps serving', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['one ', 'two ', 'three'], errorAfter: 2 })
  const stream = await postChat(url, { message: 'hi', sessionId: 'err-1' })
  t.same(stream.sequence, ['notice', 'content', 'content', 'error'])
  t.same(stream.events.at(-1), { error: 'The model service is unavailable, please try again', code: 'AGENT_UNAVAILABLE' })
  t.equal(mock.requests.length, 1, 'no retry after the first token')
  const health = await fetch(`${url}/health`)
  t.equal(health.status, 200)
  const anonymous = await fetch(`${url}/sessions/err-1/messages?userId=someone`)
  t.equal(anonymous.status, 404, "another user cannot read the anonymous user's session")
  await anonymous.text()
})

t.test('a failed reply is stored as failed with its partial text', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['one ', 'two ', 'three'], errorAfter: 2 })
  await postChat(url, { message: 'hi', sessionId: 'err-2', userId: 'u1' })
  const messages = await history(url, 'err-2')
  t.same(messages.map(m => [m.role, m.content, m.status]), [['user', 'hi', 'complete'], ['assistant', 'one two ', 'failed']])
})

t.test('a 529 overloaded answer before the first token is retried', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ status: 529 }, { errorAfter: 0, tokens: ['x'] }, { tokens: ['after ', 'retries'] })
  const stream = await postChat(url, { message: 'hi', sessionId: 'retry-1' })
  t.equal(mock.requests.length, 3, 'an HTTP 529 and an overloaded event were both retried')
  t.equal(stream.text, 'after retries')
  t.match(stream.events.at(-1), { done: true })
})

t.test('when retries run out the client gets one error event', async (t) => {
  const { url, mock } = await setup(t, { AGENT_MAX_RETRIES: '1' })
  mock.defaultReply = { status: 529 }
  const stream = await postChat(url, { message: 'hi', sessionId: 'retry-2' })
  t.equal(mock.requests.length, 2)
  t.same(stream.replyEvents, [{ error: 'The model service is unavailable, please try again', code: 'AGENT_UNAVAILABLE' }])
})

t.test('a non-transient model error (400) is not retried and ends with AGENT_ERROR', async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ status: 400 })
  const stream = await postChat(url, { message: 'hi', sessionId: 'bad-1' })
  t.equal(mock.requests.length, 1)
  t.same(stream.replyEvents, [{ error: 'The reply could not be completed, please try again', code: 'AGENT_ERROR' }])
})

t.test("the seed README's chatWithBot reader collects the full reply", async (t) => {
  const { url, mock } = await setup(t)
  mock.enqueue({ tokens: ['I ', 'understand', ' that', " you're", ' feeling anxious'] })
  const received: string[] = []
  const console = { log: (_label: string, chunk: string) => { received.push(chunk) }, error: (..._args: unknown[]) => { t.fail('error') } }

  // Verbatim from the seed README, but for the URL and the console stand-in.
  async function chatWithBot (message: string, sessionId: string, userId: string): Promise<void> {
    const response = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json'
      },
      body: JSON.stringify({
        message,
        sessionId,
        userId
      })
    })

    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()

    while (true) {
      const { done, value } = await reader.read()
      if (done) break

      const chunk = decoder.decode(value)
      const lines = chunk.split('\n')

      for (const line of lines) {
        if (line.startsWith('data: ')) {
          const data = JSON.parse(line.slice(6))
          if (data.content) {
            console.log('Chunk:', data.content)
            // Update UI
          } else if (data.error) {
            console.error('Error:', data.error)
          }
        }
      }
    }
  }

  await chatWithBot('I need help with anxiety', 'session-123', 'user-456')
  t.equal(received.join(''), "I understand that you're feeling anxious")
})

t.test('the head leaves with the opening events, and the last event with the end of the response', async (t) => {
  const { url, mock, app } = await setup(t)
  mock.enqueue({ tokens: ['one ', 'two'], inputTokens: 5 })
  // What the server hands the kernel, one entry per write to the client's socket.
  const writes: string[] = []
  app.server.once('connection', (socket: import('node:net').Socket) => {
    const write = socket._write.bind(socket)
    const writev = socket._writev?.bind(socket)
    socket._write = (chunk, encoding, callback) => { writes.push(String(chunk)); write(chunk, encoding, callback) }
    socket._writev = (chunks, callback) => { writes.push(chunks.map(c => String(c.chunk)).join('')); writev?.(chunks, callback) }
  })
  const stream = await postChat(url, { message: 'hello', sessionId: 'writes', userId: 'u1' })
  t.match(stream.events.at(-1), { done: true })
  t.match(writes[0], /^HTTP\/1\.1 200[^]*\r\n\r\n[^]*"notice"/, 'the head and the AI notice in one write')
  t.match(writes.at(-1), /"done":true[^]*\r\n0\r\n\r\n$/, 'the done event and the end of the chunked body in one write')
})
