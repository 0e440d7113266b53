// One contract, every provider: anthropic and openai against loopback mocks of their real streaming
// wire formats (so the real SDKs run), and the built-in reflective listener.
import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { AgentError } from '../../src/agent/errors.ts'
import { createAnthropicAgent } from '../../src/agent/anthropic.ts'
import { createOpenAIAgent } from '../../src/agent/openai.ts'
import { createReflectiveAgent } from '../../src/agent/reflective/index.ts'
import { composeReply } from '../../src/agent/reflective/counsellor.ts'
import type { Agent, AgentOutcome, AgentReply, ChatTurn } from '../../src/agent/types.ts'
import { conversation, startAnthropicMock, systemText, type MockReply, type RecordedRequest } from '../support/mocks/anthropic.ts'
import { startOpenAIMock } from '../support/mocks/openai.ts'

const SYSTEM = 'You are a careful, warm listener. You are an AI.'
const HISTORY: ChatTurn[] = [
  { role: 'user', content: 'I feel anxious' },
  { role: 'assistant', content: 'That sounds hard.' },
  { role: 'user', content: 'It is about work' }
]

interface Harness {
  agent: Agent
  /** The same provider with other options (more retries, a retry counter). */
  make: (extra: { maxRetries?: number, onRetry?: (error: AgentError) => void }) => Agent
  enqueue: (...replies: MockReply[]) => void
  requests: RecordedRequest[]
  /** The system prompt and conversation as the model API received them. */
  received: (request: RecordedRequest) => { system: string, turns: Array<{ role: string, content: string }> }
  /** The status that means "overloaded" on this API. */
  overloaded: number
}

const common = { maxTokens: 256, systemPrompt: SYSTEM, maxRetries: 2, retryDelayMs: 5, timeoutMs: 10000 }

const providers: Record<string, (t: Test) => Promise<Harness>> = {
  anthropic: async (t) => {
    const mock = await startAnthropicMock()
    t.teardown(() => mock.close())
    const make: Harness['make'] = (extra) => createAnthropicAgent({ ...common, ...extra, apiKey: 'k', baseURL: mock.url, model: 'claude-test' })
    return {
      agent: make({}),
      make,
      enqueue: mock.enqueue,
      requests: mock.requests,
      received: (request) => ({ system: systemText(request.body), turns: conversation(request.body) }),
      overloaded: 529
    }
  },
  openai: async (t) => {
    const mock = await startOpenAIMock()
    t.teardown(() => mock.close())
    const make: Harness['make'] = (extra) => createOpenAIAgent({ ...common, ...extra, apiKey: '', baseURL: mock.url, model: 'local-model' })
    return {
      agent: make({}),
      make,
      enqueue: mock.enqueue,
      requests: mock.requests,
      received: (request) => ({
        system: request.body.messages[0].content,
        turns: request.body.messages.slice(1)
      }),
      overloaded: 503
    }
  }
}

async function drain (reply: AgentReply): Promise<{ tokens: string[], outcome: AgentOutcome }> {
  const tokens: string[] = []
  for (;;) {
    const step = await reply.next()
    if (step.done === true) return { tokens, outcome: step.value }
    tokens.push(step.value)
  }
}

const signal = (): AbortSignal => new AbortController().signal

for (const [name, setup] of Object.entries(providers)) {
  t.test(`${name}: tokens in order, then the stop reason and usage`, async (t) => {
    const h = await setup(t)
    h.enqueue({ tokens: ['I ', 'hear', ' you', '.'], inputTokens: 42, stopReason: 'max_tokens' })
    const { tokens, outcome } = await drain(h.agent.stream(HISTORY, { signal: signal() }))
    t.same(tokens, ['I ', 'hear', ' you', '.'])
    t.equal(outcome.stopReason, 'max_tokens')
    t.match(outcome.usage, { inputTokens: 42, outputTokens: 4 })
  })

  t.test(`${name}: the history and the system prompt are sent as given`, async (t) => {
    const h = await setup(t)
    await drain(h.agent.stream(HISTORY, { signal: signal() }))
    const { system, turns } = h.received(h.requests[0] as RecordedRequest)
    t.equal(system, SYSTEM)
    t.same(turns, HISTORY)
    t.equal(h.requests[0]?.body.stream, true)
    await drain(h.agent.stream(HISTORY, { signal: signal(), crisis: { category: 'self_harm' } }))
    t.match(h.received(h.requests[1] as RecordedRequest).system, /^You are a careful[\s\S]*SAFETY:/, 'a flagged message adds the crisis instruction')
  })

  t.test(`${name}: an abort ends the reply within 100 ms and closes the request`, async (t) => {
    const h = await setup(t)
    h.enqueue({ tokens: ['one ', 'two ', 'three '], tokenDelayMs: 500 })
    const controller = new AbortController()
    const reply = h.agent.stream(HISTORY, { signal: controller.signal })
    t.equal((await reply.next()).value, 'one ')
    const pending = reply.next()
    const started = performance.now()
    controller.abort()
    await t.rejects(pending)
    const elapsed = performance.now() - started
    t.ok(elapsed < 100, `ended ${elapsed.toFixed(1)} ms after the abort`)
    for (let i = 0; i < 50 && h.requests[0]?.closedEarly !== true; i++) await sleep(10)
    t.equal(h.requests[0]?.closedEarly, true, 'the model API saw the connection close')
  })

  t.test(`${name}: 429, 5xx and overloaded before the first token are retried`, async (t) => {
    const h = await setup(t)
    const kinds: string[] = []
    const agent = h.make({ maxRetries: 3, onRetry: (error) => kinds.push(error.kind) })
    h.enqueue({ status: 429 }, { status: 500 }, { status: h.overloaded }, { tokens: ['finally'] })
    const { tokens } = await drain(agent.stream(HISTORY, { signal: signal() }))
    t.same(tokens, ['finally'])
    t.equal(h.requests.length, 4)
    t.same(kinds, ['rate_limit', 'server', name === 'anthropic' ? 'overloaded' : 'server'])
  })

  t.test(`${name}: an error in the stream before the first token is retried too`, async (t) => {
    const h = await setup(t)
    h.enqueue({ tokens: ['x'], errorAfter: 0 }, { tokens: ['ok'] })
    const { tokens } = await drain(h.agent.stream(HISTORY, { signal: signal() }))
    t.same(tokens, ['ok'])
    t.equal(h.requests.length, 2)
  })

  t.test(`${name}: an error after the first token is not retried: the reply fails`, async (t) => {
    const h = await setup(t)
    h.enqueue({ tokens: ['one ', 'two '], errorAfter: 1 })
    const reply = h.agent.stream(HISTORY, { signal: signal() })
    t.equal((await reply.next()).value, 'one ')
    const error = await reply.next().then(() => undefined, (e: unknown) => e)
    t.ok(error instanceof AgentError, 'an AgentError')
    t.equal((error as AgentError).transient, true)
    t.equal(h.requests.length, 1)
  })

  t.test(`${name}: a non-transient error (400) is not retried`, async (t) => {
    const h = await setup(t)
    h.enqueue({ status: 400 })
    const error = await drain(h.agent.stream(HISTORY, { signal: signal() })).then(() => undefined, (e: unknown) => e)
    t.equal((error as AgentError).kind, 'request')
    t.equal(h.requests.length, 1)
  })

  t.test(`${name}: emoji, CJK and right-to-left text split across network chunks arrive intact`, async (t) => {
    const h = await setup(t)
    const tokens = ['😊 ', '你好，', '我很好 ', 'שלום ', 'مرحبا', ' 👩‍👩‍👧‍👦']
    h.enqueue({ tokens, splitBytes: true })
    const result = await drain(h.agent.stream(HISTORY, { signal: signal() }))
    t.equal(result.tokens.join(''), tokens.join(''))
    t.notMatch(result.tokens.join(''), /\uFFFD/, 'no replacement characters')
  })
}

t.test('reflective: tokens in order, stop reason and usage, abort within 100 ms, history used', async (t) => {
  const agent = createReflectiveAgent({ wordDelayMs: 0 })
  const { tokens, outcome } = await drain(agent.stream(HISTORY, { signal: signal() }))
  t.equal(tokens.join(''), composeReply(HISTORY), 'the words in order make the reply')
  t.ok(tokens.length > 5)
  t.equal(outcome.stopReason, 'end_turn')
  t.ok(outcome.usage.inputTokens > 0 && outcome.usage.outputTokens > 0)
  t.match(tokens.join(''), /work/, 'it answers the newest turn, about work')

  const slow = createReflectiveAgent({ wordDelayMs: 500 })
  const controller = new AbortController()
  const reply = slow.stream(HISTORY, { signal: controller.signal })
  await reply.next()
  const pending = reply.next()
  const started = performance.now()
  controller.abort()
  await t.rejects(pending)
  t.ok(performance.now() - started < 100)

  const crisis = await drain(agent.stream(HISTORY, { signal: signal(), crisis: { category: 'abuse' } }))
  t.match(crisis.tokens.join(''), /911/, 'a flagged message gets the fixed crisis reply')
})
