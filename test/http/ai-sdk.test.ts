// The Vercel AI SDK's useChat against /ai-sdk/chat, with the real `ai` package as the client in
// Node: its Chat (AbstractChat with a plain state, as @ai-sdk/react's is) over DefaultChatTransport.
import t, { type Test } from 'tap'
import { createSigner } from 'fast-jwt'
import { AbstractChat, DefaultChatTransport, type ChatInit, type ChatState, type ChatStatus, type UIMessage } from 'ai'
import { build, listen } from '../support/helper.ts'

/** A Chat whose state is plain fields, read by the test. */
class NodeChat extends AbstractChat<UIMessage> {
  constructor (init: Omit<ChatInit<UIMessage>, 'messages'> & { messages?: UIMessage[] }) {
    const state: ChatState<UIMessage> = {
      status: 'ready' as ChatStatus,
      error: undefined,
      messages: init.messages ?? [],
      pushMessage (message) { state.messages = [...state.messages, message] },
      popMessage () { state.messages = state.messages.slice(0, -1) },
      replaceMessage (index, message) { state.messages = state.messages.map((m, i) => i === index ? message : m) },
      snapshot: (thing) => structuredClone(thing)
    }
    super({ ...init, state })
  }
}

async function setup (t: Test, env: Record<string, string> = {}) {
  const app = await build(t, { env })
  return { app, url: await listen(app) }
}

function chatFor (url: string, id: string, options: { userId?: string, headers?: Record<string, string>, messages?: UIMessage[] } = {}) {
  const query = options.userId === undefined ? '' : `?userId=${options.userId}`
  return new NodeChat({
    id,
    messages: options.messages,
    transport: new DefaultChatTransport({
      api: `${url}/ai-sdk/chat`,
      headers: options.headers,
      body: options.userId === undefined ? undefined : { userId: options.userId },
      // With authentication off, the resume names the user as /sessions/{id}/stream does.
      prepareReconnectToStreamRequest: ({ api, id }) => ({ api: `${api}/${id}/stream${query}` })
    })
  })
}

const textOf = (message: UIMessage | undefined): string =>
  (message?.parts ?? []).flatMap(part => part.type === 'text' ? [part.text] : []).join('')

const storedReply = async (app: Awaited<ReturnType<typeof build>>, sessionId: string, userId: string) => {
  const history = (await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=${userId}` })).json()
  return history.messages as Array<{ id: string, role: string, content: string, status: string }>
}

t.test('useChat sends, the reply streams as a UI message stream, and its text is the stored reply', async (t) => {
  const { app, url } = await setup(t)
  const chat = chatFor(url, 'ai-1', { userId: 'u1' })
  await chat.sendMessage({ text: "I've been feeling low since I moved" })
  t.equal(chat.status, 'ready')
  t.equal(chat.error, undefined)
  const [user, reply] = chat.messages
  t.equal(user?.role, 'user')
  t.equal(reply?.role, 'assistant')
  const stored = await storedReply(app, 'ai-1', 'u1')
  t.same(stored.map(m => [m.role, m.status]), [['user', 'complete'], ['assistant', 'complete']])
  t.equal(stored[0]?.content, "I've been feeling low since I moved")
  t.ok(textOf(reply).length > 0)
  t.equal(textOf(reply), stored[1]?.content, "the text is the stored reply's")
  t.equal(reply?.id, stored[1]?.id, "the message id is the reply's")
  t.match(reply?.metadata, { stopReason: 'end_turn' })
  t.match(reply?.parts.find(p => p.type === 'data-notice'), { data: { kind: 'ai_disclosure', message: /AI/ } }, 'the AI notice is a data part')

  // The second message: the server's history is used, the notice is not repeated.
  await chat.sendMessage({ text: 'work has been hard too' })
  t.equal((await storedReply(app, 'ai-1', 'u1')).length, 4)
  t.notOk(chat.messages[3]?.parts.some(p => p.type === 'data-notice'))
})

t.test('the wire format: the header, start, the text part, finish, [DONE], each chunk its own data: block', async (t) => {
  const { url } = await setup(t)
  const response = await fetch(`${url}/ai-sdk/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'wire-1', trigger: 'submit-message', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hello there' }] }] })
  })
  t.equal(response.status, 200)
  t.equal(response.headers.get('x-vercel-ai-ui-message-stream'), 'v1')
  t.match(response.headers.get('content-type'), /^text\/event-stream/)
  const blocks = (await response.text()).split('\n\n').filter(block => block !== '')
  const data = blocks.map(block => /^data: (.*)$/m.exec(block)?.[1])
  t.equal(data.at(-1), '[DONE]')
  const chunks = data.slice(0, -1).map(line => JSON.parse(line as string))
  const types = chunks.map(chunk => chunk.type)
  t.same(types.slice(0, 3), ['start', 'data-notice', 'text-start'])
  t.same(types.slice(-2), ['text-end', 'finish'])
  t.ok(types.slice(3, -2).every(type => type === 'text-delta'))
  t.match(chunks[0], { messageId: /^[0-9a-f-]{36}$/ })
  t.match(chunks.at(-1), { finishReason: 'stop', messageMetadata: { stopReason: 'end_turn' } })
  t.ok(blocks.every(block => block.split('\n').filter(line => line.startsWith('data: ')).length === 1), 'one data line a block')
})

t.test('a crisis message: the safety data part comes before the text, and the session is flagged', async (t) => {
  const { app, url } = await setup(t)
  const chat = chatFor(url, 'ai-crisis', { userId: 'u1' })
  await chat.sendMessage({ text: "i've decided, i'm ending it all tonight" })
  const reply = chat.messages[1]
  const kinds = reply?.parts.map(p => p.type) ?? []
  t.ok(kinds.indexOf('data-safety') >= 0 && kinds.indexOf('data-safety') < kinds.indexOf('text'), 'safety before the text')
  t.ok(kinds.indexOf('data-notice') < kinds.indexOf('text'), 'the notice before the text')
  t.match(reply?.parts.find(p => p.type === 'data-safety'), { data: { level: 'crisis', category: 'self_harm', resources: [{ name: String }] } })
  const history = (await app.inject({ method: 'GET', url: '/sessions/ai-crisis/messages?userId=u1' })).json()
  t.match(history.safetyFlags, [{ level: 'crisis', category: 'self_harm' }])
  t.equal(textOf(reply), history.messages[1].content)
})

t.test('a message over the limit is 400 MESSAGE_TOO_LONG as JSON before any stream, and nothing is stored', async (t) => {
  const { app, url } = await setup(t, { MAX_MESSAGE_CHARS: '50' })
  const chat = chatFor(url, 'ai-long', { userId: 'u1' })
  await chat.sendMessage({ text: 'x'.repeat(51) })
  t.equal(chat.status, 'error')
  t.match(chat.error?.message, /MESSAGE_TOO_LONG/)
  const response = await app.inject({
    method: 'POST',
    url: '/ai-sdk/chat',
    payload: { id: 'ai-long', userId: 'u1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'y'.repeat(51) }] }] }
  })
  t.equal(response.statusCode, 400)
  t.match(response.headers['content-type'], /application\/json/)
  t.match(response.json(), { code: 'MESSAGE_TOO_LONG', statusCode: 400, limit: 50, error: /50 characters/ })
  t.equal((await app.inject({ method: 'GET', url: '/sessions/ai-long/messages?userId=u1' })).statusCode, 404, 'nothing stored')
})

t.test('a request useChat would not make is refused as JSON: no user message, no text, regenerate', async (t) => {
  const { app } = await setup(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: '/ai-sdk/chat', payload })
  const assistantLast = await post({ id: 's', messages: [{ id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }] })
  t.match(assistantLast.json(), { code: 'INVALID_REQUEST', error: /user's/ })
  const noText = await post({ id: 's', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'file', url: 'x', mediaType: 'image/png' }] }] })
  t.match(noText.json(), { code: 'INVALID_REQUEST', error: /no text/ })
  const regenerate = await post({ id: 's', trigger: 'regenerate-message', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }] })
  t.match(regenerate.json(), { code: 'INVALID_REQUEST', error: /trigger/ })
})

t.test('the same message sent twice (its id the idempotency key) is stored once and gets the same reply', async (t) => {
  const { app } = await setup(t)
  const payload = { id: 'ai-twice', userId: 'u1', messages: [{ id: 'msg-1', role: 'user', parts: [{ type: 'text', text: 'hello' }] }] }
  const first = await app.inject({ method: 'POST', url: '/ai-sdk/chat', payload })
  const again = await app.inject({ method: 'POST', url: '/ai-sdk/chat', payload })
  t.equal(again.statusCode, 200)
  const startOf = (body: string) => /"type":"start","messageId":"([^"]+)"/.exec(body)?.[1]
  t.equal(startOf(again.body), startOf(first.body))
  t.equal((await storedReply(app, 'ai-twice', 'u1')).length, 2)
})

t.test('after a cut, useChat resumes with the whole reply so far and then the rest; 204 once it is done', async (t) => {
  const { app, url } = await setup(t, { REFLECTIVE_WORD_DELAY_MS: '40' })
  const chat = chatFor(url, 'ai-resume', { userId: 'u1' })
  const sent = chat.sendMessage({ text: 'I keep going over the same worries at night' })
  // The tab goes away mid-reply: the fetch is aborted, the reply goes on on the server.
  while (textOf(chat.messages[1]).split(' ').length < 3) await new Promise(resolve => setTimeout(resolve, 10))
  await chat.stop()
  await sent
  const partial = textOf(chat.messages[1])

  // A reload: a new Chat with the messages the page had, resuming.
  const reloaded = chatFor(url, 'ai-resume', { userId: 'u1', messages: chat.messages.slice(0, 1) })
  await reloaded.resumeStream()
  t.equal(reloaded.status, 'ready')
  const stored = await storedReply(app, 'ai-resume', 'u1')
  t.equal(stored[1]?.status, 'complete')
  const resumedText = textOf(reloaded.messages[1])
  t.equal(resumedText, stored[1]?.content, 'the resumed text is the whole stored reply')
  t.ok(resumedText.startsWith(partial) && resumedText.length > partial.length, 'from the start, then the rest')
  t.equal(reloaded.messages.length, 2, 'one reply, not two')
  t.ok(reloaded.messages[1]?.parts.some(p => p.type === 'data-notice'), 'the notice is replayed too')

  const response = await fetch(`${url}/ai-sdk/chat/ai-resume/stream?userId=u1`)
  t.equal(response.status, 204, 'nothing streams: 204')
  const never = await fetch(`${url}/ai-sdk/chat/never-used/stream?userId=u1`)
  t.equal(never.status, 204, 'a session without a reply: 204 too')
  const again = chatFor(url, 'ai-resume', { userId: 'u1', messages: reloaded.messages })
  await again.resumeStream()
  t.equal(again.status, 'ready')
  t.equal(again.messages.length, 2, 'nothing added')
})

t.test('stop: useChat aborts the fetch and POST /sessions/{id}/stop ends the reply, stored as interrupted', async (t) => {
  const { app, url } = await setup(t, { REFLECTIVE_WORD_DELAY_MS: '40' })
  const chat = chatFor(url, 'ai-stop', { userId: 'u1' })
  const sent = chat.sendMessage({ text: 'I keep going over the same worries at night' })
  while (textOf(chat.messages[1]).length === 0) await new Promise(resolve => setTimeout(resolve, 10))
  await chat.stop()
  await sent
  t.equal((await fetch(`${url}/sessions/ai-stop/stop?userId=u1`, { method: 'POST' })).status, 204)
  let stored = await storedReply(app, 'ai-stop', 'u1')
  for (let i = 0; i < 100 && stored[1]?.status !== 'interrupted'; i++) {
    await new Promise(resolve => setTimeout(resolve, 20))
    stored = await storedReply(app, 'ai-stop', 'u1')
  }
  t.equal(stored[1]?.status, 'interrupted')
  t.equal((await fetch(`${url}/ai-sdk/chat/ai-stop/stream?userId=u1`)).status, 204)
})

t.test('with authentication on: a token is required, and the user is its subject', async (t) => {
  const SECRET = 'a-test-secret-of-enough-length-123456'
  const { app, url } = await setup(t, { AUTH_JWT_SECRET: SECRET })
  const token = createSigner({ key: SECRET, expiresIn: 600000 })({ sub: 'alice' })

  const anonymous = chatFor(url, 'ai-auth')
  await anonymous.sendMessage({ text: 'hello' })
  t.equal(anonymous.status, 'error')
  t.match(anonymous.error?.message, /UNAUTHORIZED/)
  t.equal((await fetch(`${url}/ai-sdk/chat/ai-auth/stream`)).status, 401)

  const alice = chatFor(url, 'ai-auth', { headers: { authorization: `Bearer ${token}` } })
  await alice.sendMessage({ text: 'hello' })
  t.equal(alice.status, 'ready')
  const history = (await app.inject({ method: 'GET', url: '/sessions/ai-auth/messages', headers: { authorization: `Bearer ${token}` } })).json()
  t.equal(history.messages[1].content, textOf(alice.messages[1]), "stored under the token's subject")

  const asBob = await app.inject({
    method: 'POST',
    url: '/ai-sdk/chat',
    headers: { authorization: `Bearer ${token}` },
    payload: { id: 'ai-auth', userId: 'bob', messages: [{ id: 'm9', role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }
  })
  t.equal(asBob.statusCode, 403)
  t.equal((await fetch(`${url}/ai-sdk/chat/ai-auth/stream`, { headers: { authorization: `Bearer ${token}` } })).status, 204)
})
