// The offline counsellor, through the HTTP interface: a 20-turn conversation kept as a regression fixture.
import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { build, listen, postChat } from '../../support/helper.ts'

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')
const userMessages = JSON.parse(fixture('reflective-conversation.json')) as string[]

t.test('a 20-turn conversation about anxiety, work, grief and loneliness reads as the reviewed transcript', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const replies: string[] = []
  let transcript = ''
  for (const message of userMessages) {
    const stream = await postChat(url, { message, sessionId: 'transcript', userId: 'reader' })
    t.ok(stream.events.length > 3, 'streamed word by word')
    replies.push(stream.text)
    transcript += `User: ${message}\nListener: ${stream.text}\n\n`
  }
  t.equal(userMessages.length, 20)
  // Reviewed by hand; regenerate only after reading the new replies as a listener would.
  if (process.env.LISTENER_FIXTURES === 'write') writeFileSync(new URL('../../fixtures/reflective-transcript.txt', import.meta.url), transcript)
  t.equal(transcript, fixture('reflective-transcript.txt'))

  t.equal(new Set(replies).size, replies.length, 'no reply is repeated')
  t.ok(replies.every(reply => (reply.match(/\?/g) ?? []).length === 1), 'one open question each')
  t.ok(replies.every(reply => !/\b(I am|I'm) (a )?(human|real person|therapist)\b/i.test(reply)), 'never claims to be human')
  t.match(replies[userMessages.indexOf('Are you a real person?')], /I'm not a person: I'm an AI/)
  const callbacks = replies.flatMap(reply => [...reply.matchAll(/(?:Earlier you said|what you told me before:) "([^"]+)"/g)].map(m => m[1] as string))
  t.ok(callbacks.length >= 1, 'refers back to earlier turns')
  t.ok(callbacks.every(quote => userMessages.some(message => message.includes(quote))), "quoting only the user's own words")
  t.notOk(replies.some(reply => /\b(you should|diagnos|disorder|medication)\b/i.test(reply)), 'no advice or diagnosis')
})

t.test('the reflective agent streams at its configured pace and honours an abort', async (t) => {
  const { createReflectiveAgent } = await import('../../../src/agent/reflective/index.ts')
  const { composeReply } = await import('../../../src/agent/reflective/counsellor.ts')
  const agent = createReflectiveAgent({ wordDelayMs: 20 })
  const controller = new AbortController()
  const history = [{ role: 'user' as const, content: 'I feel anxious about my exams' }]
  const reply = agent.stream(history, { signal: controller.signal })
  const first = await reply.next()
  t.equal(first.value, `${composeReply(history).split(' ')[0]} `, 'the first word of the reply')
  const started = performance.now()
  controller.abort()
  await t.rejects(reply.next())
  t.ok(performance.now() - started < 100, 'stops at once')
})
