// Resumes on one instance of replies running on another share one Redis reader connection.
import t from 'tap'
import { Redis } from 'ioredis'
import { build, listen, postChat } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { startRedis } from '../support/redis-server.ts'

const RESUMES = 5

async function clients (redis: Redis): Promise<number> {
  return (await redis.client('LIST') as string).trim().split('\n').length
}

t.test('many resumes through B of replies running on A: one more connection, every reply whole', async (t) => {
  const server = await startRedis(t)
  if (server === undefined) return
  const env = { STORE: 'redis', REDIS_URL: server.url, REFLECTIVE_WORD_DELAY_MS: '40' }
  const a = await build(t, { env })
  const b = await build(t, { env })
  const [urlA, urlB] = [await listen(a), await listen(b)]
  const admin = new Redis(server.url)
  t.teardown(() => admin.disconnect())

  // Each reply is left after its second content event, to be resumed on B.
  const firsts = await Promise.all(Array.from({ length: RESUMES }, async (_, i) => {
    const controller = new AbortController()
    let seen = 0
    return await postChat(urlA, { message: `I have been worrying about my sister and my job, part ${i}`, sessionId: `r${i}`, userId: 'u1' }, {
      signal: controller.signal,
      onEvent: (event) => { if ('content' in event && ++seen === 2) controller.abort() }
    })
  }))
  const before = await clients(admin)

  let started = 0
  let allStarted: () => void = () => {}
  const streaming = new Promise<void>((resolve) => { allStarted = resolve })
  const resumes = firsts.map(async (first, i) => {
    const response = await fetch(`${urlB}/sessions/r${i}/stream?userId=u1`, { headers: { 'last-event-id': first.ids.at(-1) as string } })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    let body = ''
    let counted = false
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      body += Buffer.from(chunk.value).toString()
      if (!counted && body.includes('"content"')) {
        counted = true
        if (++started === RESUMES) allStarted()
      }
    }
    const events = sseEvents(body)
    return { first, events }
  })
  await streaming
  const during = await clients(admin)
  t.ok(during <= before + 1, `at most one more Redis connection for ${RESUMES} live resumes (before ${before}, during ${during})`)

  for (const [i, { first, events }] of (await Promise.all(resumes)).entries()) {
    t.match(events.at(-1)?.data, { done: true, stopReason: 'end_turn' }, `reply ${i} read to its end`)
    const seqs = [...first.ids, ...events.map(e => e.id)].map(id => Number(String(id).split(':')[1]))
    t.same(seqs, seqs.map((_s, n) => n), `reply ${i}: ids continue without gap or repeat`)
    const text = first.text + events.filter(e => 'content' in e.data).map(e => e.data.content).join('')
    const stored = (await a.inject({ method: 'GET', url: `/sessions/r${i}/messages?userId=u1` })).json().messages
    t.equal(stored[1].content, text, `reply ${i}: what the two connections showed is what was stored`)
  }
})
