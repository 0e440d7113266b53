// The history sent to the model on a long session: within HISTORY_MAX_TOKENS with the system prompt,
// newest whole turns, a user turn first; and the store is asked only for what is needed.
import t from 'tap'
import { build, listen, postChat } from '../support/helper.ts'
import { conversation, startAnthropicMock, systemText } from '../support/mocks/anthropic.ts'
import { createMemoryStore } from '../../src/store/memory.ts'
import { estimateTokens } from '../../src/agent/tokens.ts'
import { loadSystemPrompt } from '../../src/agent/system-prompt.ts'

t.test('a 500-turn session sends only the newest turns that fit, and reads only a bounded slice', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const store = createMemoryStore()
  const key = { userId: 'u1', sessionId: 'long' }
  for (let i = 0; i < 500; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant'
    await store.appendMessage(key, { id: `old-${i}`, role, content: `turn ${i}: ${'some words about my week and how I feel '.repeat(3)}`, status: 'complete', createdAt: new Date(i).toISOString() })
  }
  const limits: Array<number | undefined> = []
  const listMessages = store.listMessages
  store.listMessages = async (k, options) => { limits.push(options?.limit); return await listMessages(k, options) }

  const budget = 3000
  const app = await build(t, { store, env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, HISTORY_MAX_TOKENS: String(budget) } })
  const url = await listen(app)
  const started = performance.now()
  const stream = await postChat(url, { message: 'and today was hard too', sessionId: 'long', userId: 'u1' })
  t.comment(`a chat on a 500-turn session took ${(performance.now() - started).toFixed(1)} ms`)
  t.match(stream.events.at(-1), { done: true })

  t.ok(limits.length > 0 && limits.every(limit => limit !== undefined && limit <= 200), `the store was asked for at most 200 messages (${limits.join(', ')})`)
  const body = mock.requests[0]?.body
  const turns = conversation(body)
  t.equal(turns[0]?.role, 'user', 'starts with a user turn')
  t.same(turns.at(-1), { role: 'user', content: 'and today was hard too' })
  t.ok(turns.length < 200, `${turns.length} turns sent`)
  t.ok(turns.every((turn, i) => i === 0 || turn.role !== turns[i - 1]?.role), 'roles alternate')
  const total = estimateTokens(systemText(body)) + turns.reduce((sum, turn) => sum + estimateTokens(turn.content) + 4, 0)
  t.ok(total <= budget, `${total} tokens with the system prompt, within ${budget}`)
  t.ok(total > budget * 0.8, 'and the budget is used, not wasted')
  t.match(turns[1]?.content, /^turn \d+:/, 'whole turns')
})

t.test('text that looks like a tokenizer control token is counted as text, not refused', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  // A history longer in bytes than the budget, so that the tokenizer has to count it.
  const message = `what does <|endoftext|> mean? and <|fim_prefix|>? ${'word '.repeat(700)}`
  const promptTokens = estimateTokens(await loadSystemPrompt(''))
  const budget = promptTokens + Buffer.byteLength(message) - 500
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, HISTORY_MAX_TOKENS: String(budget) } })
  const url = await listen(app)
  const first = await postChat(url, { message, sessionId: 'tokens', userId: 'u1' })
  t.match(first.events.at(-1), { done: true }, 'the reply streams')
  const second = await postChat(url, { message: 'and again', sessionId: 'tokens', userId: 'u1' })
  t.match(second.events.at(-1), { done: true }, 'the session still works with that text in its history')
  t.same(conversation(mock.requests[1]?.body)[0]?.content, message, 'the text reaches the model as it was')
  t.ok(estimateTokens('<|endoftext|>') > 1, 'counted as the characters it is')
})
