// Every 4xx of POST /chat: the JSON error body, and nothing stored.
import t, { type Test } from 'tap'
import { build, listen, postChat } from '../support/helper.ts'

const SESSION = { sessionId: 'errors-1', userId: 'u1' }

async function seededApp (t: Test) {
  const app = await build(t, { env: { MAX_MESSAGE_CHARS: '50', BODY_LIMIT_BYTES: '2048' } })
  const first = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'I feel anxious' } })
  t.equal(first.statusCode, 200)
  const before = (await app.inject({ method: 'GET', url: '/sessions/errors-1/messages?userId=u1' })).json()
  t.equal(before.messages.length, 2)
  return { app, before }
}

const cases: Array<{ name: string, status: number, code: string, error: RegExp, payload: string, contentType?: string }> = [
  { name: 'malformed JSON', status: 400, code: 'INVALID_JSON', error: /not valid JSON/, payload: '{"message": "hi", "sessionId": ' },
  { name: 'empty body', status: 400, code: 'INVALID_JSON', error: /not valid JSON/, payload: '' },
  { name: 'a JSON array', status: 400, code: 'INVALID_REQUEST', error: /must be a JSON object/, payload: '[1,2]' },
  { name: 'missing message', status: 400, code: 'INVALID_REQUEST', error: /message is required/, payload: JSON.stringify({ sessionId: 'errors-1', userId: 'u1' }) },
  { name: 'missing sessionId', status: 400, code: 'INVALID_REQUEST', error: /sessionId is required/, payload: JSON.stringify({ message: 'hi', userId: 'u1' }) },
  { name: 'empty message', status: 400, code: 'INVALID_REQUEST', error: /message must NOT have fewer than 1 characters/, payload: JSON.stringify({ ...SESSION, message: '' }) },
  { name: 'white-space message', status: 400, code: 'INVALID_REQUEST', error: /message must contain some text/, payload: JSON.stringify({ ...SESSION, message: ' \n\t ' }) },
  { name: 'too long message', status: 400, code: 'MESSAGE_TOO_LONG', error: /longer than 50 characters, the limit; nothing was stored\. Split it/, payload: JSON.stringify({ ...SESSION, message: 'x'.repeat(51) }) },
  { name: 'message as a number', status: 400, code: 'INVALID_REQUEST', error: /message must be string/, payload: JSON.stringify({ ...SESSION, message: 42 }) },
  { name: 'sessionId with a space', status: 400, code: 'INVALID_REQUEST', error: /sessionId must be 1 to 128 characters/, payload: JSON.stringify({ ...SESSION, sessionId: 'errors 1', message: 'hi' }) },
  { name: 'sessionId too long', status: 400, code: 'INVALID_REQUEST', error: /sessionId/, payload: JSON.stringify({ ...SESSION, sessionId: 'a'.repeat(129), message: 'hi' }) },
  { name: 'userId as an object', status: 400, code: 'INVALID_REQUEST', error: /userId must be string/, payload: JSON.stringify({ ...SESSION, userId: { a: 1 }, message: 'hi' }) },
  { name: '__proto__ key', status: 400, code: 'INVALID_JSON', error: /not valid JSON/, payload: '{"message":"hi","sessionId":"errors-1","userId":"u1","__proto__":{"x":1}}' },
  { name: 'body over the limit', status: 413, code: 'PAYLOAD_TOO_LARGE', error: /too large/, payload: JSON.stringify({ ...SESSION, message: 'x'.repeat(5000) }) },
  { name: 'text/plain body', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', error: /must be JSON/, payload: 'hello', contentType: 'text/plain' },
  { name: 'form body', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', error: /must be JSON/, payload: 'message=hi&sessionId=errors-1', contentType: 'application/x-www-form-urlencoded' }
]

for (const c of cases) {
  t.test(`${c.name} answers ${c.status} ${c.code} and stores nothing`, async (t) => {
    const { app, before } = await seededApp(t)
    const res = await app.inject({ method: 'POST', url: '/chat', payload: c.payload, headers: { 'content-type': c.contentType ?? 'application/json' } })
    t.equal(res.statusCode, c.status)
    t.match(res.headers['content-type'], /^application\/json/)
    const body = res.json()
    // A message over the limit also says the limit, as a number a client can show.
    t.same(Object.keys(body).sort(), c.code === 'MESSAGE_TOO_LONG' ? ['code', 'error', 'limit', 'statusCode'] : ['code', 'error', 'statusCode'])
    t.match(body, { code: c.code, statusCode: c.status, error: c.error })
    if (c.code === 'MESSAGE_TOO_LONG') t.equal(body.limit, 50)
    t.notMatch(res.body, /at .*\.(ts|js):\d+/, 'no stack trace')
    const after = (await app.inject({ method: 'GET', url: '/sessions/errors-1/messages?userId=u1' })).json()
    t.same(after, before)
  })
}

t.test('a second message while a reply streams is 409 SESSION_BUSY and is not stored', async (t) => {
  const app = await build(t, { env: { REFLECTIVE_WORD_DELAY_MS: '30' } })
  const url = await listen(app)
  let streaming!: () => void
  const firstTokenSeen = new Promise<void>(resolve => { streaming = resolve })
  const first = postChat(url, { ...SESSION, message: 'I have been feeling lonely since I moved' }, { onEvent: () => streaming() })
  await firstTokenSeen
  const second = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'hello?' } })
  t.equal(second.statusCode, 409)
  t.match(second.json(), { code: 'SESSION_BUSY', statusCode: 409, error: /already streaming/ })
  const stream = await first
  t.match(stream.events.at(-1), { done: true })
  const history = (await app.inject({ method: 'GET', url: '/sessions/errors-1/messages?userId=u1' })).json()
  t.same(history.messages.map((m: any) => m.content), ['I have been feeling lonely since I moved', stream.text])
  // The same session under another user is another session: not busy.
  const other = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, userId: 'u2', message: 'hi' } })
  t.equal(other.statusCode, 200)
  // Once the reply ended the session takes messages again.
  const third = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'thank you' } })
  t.equal(third.statusCode, 200)
})

t.test('an unexpected failure is a generic 500 JSON with no internals', async (t) => {
  const { createMemoryStore } = await import('../../src/store/memory.ts')
  const store = createMemoryStore()
  store.appendMessage = async () => { throw new TypeError('secret internals at /srv/db.ts:12') }
  const app = await build(t, { store })
  const res = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'hi' } })
  t.equal(res.statusCode, 500)
  t.same(res.json(), { error: 'Something went wrong on our side, please try again', code: 'INTERNAL_ERROR', statusCode: 500 })
  // The lock was released: the session is not left busy.
  store.appendMessage = createMemoryStore().appendMessage
  const again = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'hi' } })
  t.equal(again.statusCode, 200)
})

t.test('an unreachable store answers 503 STORE_UNAVAILABLE', async (t) => {
  const { createMemoryStore } = await import('../../src/store/memory.ts')
  const { StoreUnavailableError } = await import('../../src/store/types.ts')
  const store = createMemoryStore()
  store.appendMessage = async () => { throw new StoreUnavailableError(new Error('connection refused')) }
  const app = await build(t, { store })
  const res = await app.inject({ method: 'POST', url: '/chat', payload: { ...SESSION, message: 'hi' } })
  t.equal(res.statusCode, 503)
  t.same(res.json(), { error: 'The session store is unavailable', code: 'STORE_UNAVAILABLE', statusCode: 503 })
})
