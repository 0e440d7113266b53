// Nothing private in the logs, even when Redis fails mid-reply: ioredis errors carry the failed
// commands with their arguments (the reply's events), and URLs carry ids and queries.
import t from 'tap'
import { Writable } from 'node:stream'
import { Redis } from 'ioredis'
import { build, listen, postChat } from '../support/helper.ts'
import { startRedis } from '../support/redis-server.ts'
import { serializeError } from '../../src/telemetry/log-serializers.ts'

function capture (): { lines: string[], logStream: Writable } {
  const lines: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(chunk.toString()); done() } })
  return { lines, logStream }
}

t.test('a Redis out of memory mid-reply: no line holds the message, the reply, or the ids', async (t) => {
  const redis = await startRedis(t)
  if (redis === undefined) return
  const admin = new Redis(redis.url)
  t.teardown(() => admin.disconnect())
  const { lines, logStream } = capture()
  const app = await build(t, { logStream, env: { STORE: 'redis', REDIS_URL: redis.url, LOG_LEVEL: 'trace', REFLECTIVE_WORD_DELAY_MS: '10' } })
  const url = await listen(app)
  const marker = 'walrus-lantern-8812'
  const userId = 'user-quartz-5521'
  const sessionId = 'session-ember-7734'
  let full = false
  const chat = await postChat(url, { message: `I cannot sleep and I feel so alone ${marker}`, sessionId, userId }, {
    onEvent: (event) => {
      if ('content' in event && !full) {
        full = true
        void admin.config('SET', 'maxmemory-policy', 'noeviction').then(async () => await admin.config('SET', 'maxmemory', '1'))
      }
    }
  })
  await new Promise(resolve => setTimeout(resolve, 200))
  await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=${userId}` })
  await admin.config('SET', 'maxmemory', '0')
  await app.inject({ method: 'GET', url: `/sessions/${sessionId}/messages?userId=${userId}&access_token=tok-secret-991` })

  t.ok(chat.text.length > 20, 'the reply streamed')
  const log = lines.join('')
  const entries = lines.map(line => JSON.parse(line))
  t.ok(entries.some(entry => entry.msg === 'reply bus error' || entry.msg === 'chat reply failed'), 'the Redis failure was logged')
  t.ok(entries.some(entry => Array.isArray(entry.err?.previousErrors)), 'with the earlier errors of the transaction, by message')
  t.notOk(log.includes(marker), 'the message text is not logged')
  for (const piece of chat.text.split(/[.?!]/).map(s => s.trim()).filter(s => s.length > 15)) {
    t.notOk(log.includes(piece), `the reply text is not logged: "${piece.slice(0, 30)}…"`)
  }
  t.notOk(log.includes(userId), 'the userId is not logged')
  t.notOk(log.includes(sessionId), 'the session id is not logged')
  t.notOk(log.includes('tok-secret-991'), 'nor a token in a query')
  const requestLine = entries.find(entry => entry.msg === 'incoming request' && entry.req?.method === 'GET')
  t.same(requestLine?.req, { method: 'GET', route: '/sessions/:sessionId/messages' }, 'request lines name the route pattern')
})

t.test('the error serializer keeps kind, message and code, and drops whatever else an error carries', async (t) => {
  const error = Object.assign(new Error('EXECABORT Transaction discarded because of previous errors.'), {
    command: { name: 'exec', args: ['secret'] },
    previousErrors: [Object.assign(new Error('OOM command not allowed'), { command: { name: 'xadd', args: ['tb:events:x', 'data', 'my secret words'] } })],
    code: 'EXECABORT',
    cause: Object.assign(new Error('inner'), { args: ['secret'] })
  })
  const safe = serializeError(error) as any
  t.notOk(JSON.stringify(safe).includes('secret'))
  t.same(safe.previousErrors, ['OOM command not allowed'])
  t.equal(safe.code, 'EXECABORT')
  t.equal(safe.cause.message, 'inner')
  let parseError: unknown
  try { JSON.parse('{"message": "my secret words') } catch (e) { parseError = e }
  t.notOk(JSON.stringify(serializeError(parseError)).includes('secret'), "JSON.parse's message quotes the body: not kept")
  t.notOk(JSON.stringify(serializeError(new Error("ERR unknown command 'x', with args beginning with: 'secret'"))).includes('secret'))
})
