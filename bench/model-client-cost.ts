// A micro-benchmark of the model call alone, on the client side: CPU microseconds of this process per
// streamed reply (50 tokens, the throughput phase's), the mock model in a process of its own.
// - this service's Anthropic agent (the SDK over the pooled fetch, with the system prompt);
// - the Anthropic SDK over the same pooled fetch, nothing else;
// - undici's `request()` reading the raw bytes, as the bare-Node floor does.
// It shows how much of a chat's CPU budget the required SDK takes before any other work: the
// throughput target (0.5x the floor) leaves about twice the floor's CPU per chat.
// Run: npm run build && node dist/bench/model-client-cost.js [replies]
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import { request } from 'undici'
import { createAnthropicAgent } from '../src/agent/anthropic.ts'
import { createPooledFetch } from '../src/agent/pooled-fetch.ts'
import { DEFAULT_SYSTEM_PROMPT_FILE, loadSystemPrompt } from '../src/agent/system-prompt.ts'
import { freePort } from './processes.ts'

const TOKENS = 50
const CONCURRENT = 32
const replies = Number(process.argv[2] ?? 4800)
const rounds = 3

const port = await freePort()
const mock = fork(join(import.meta.dirname, 'mock-model.js'), [], { env: { PORT: String(port) }, stdio: 'ignore' })
await once(mock, 'message')
const baseURL = `http://127.0.0.1:${port}`
await fetch(`${baseURL}/__config`, { method: 'POST', body: JSON.stringify({ tokens: TOKENS, delayMs: 0 }) })

const agent = createAnthropicAgent({
  apiKey: 'bench', baseURL, model: 'bench', maxTokens: 1024, maxRetries: 0, retryDelayMs: 0, timeoutMs: 30000,
  systemPrompt: await loadSystemPrompt(DEFAULT_SYSTEM_PROMPT_FILE)
})
const sdk = new Anthropic({ apiKey: 'bench', baseURL, maxRetries: 0, fetch: createPooledFetch() })
const body = { model: 'bench', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'hello' }], stream: true as const }

/** Each variant reads one whole reply and returns how many tokens (or raw chunks) it saw. */
const variants: Record<string, () => Promise<number>> = {
  'this service\'s agent': async () => {
    const reply = agent.stream([{ role: 'user', content: 'hello' }], { signal: new AbortController().signal })
    let tokens = 0
    while ((await reply.next()).done !== true) tokens++
    return tokens
  },
  'Anthropic SDK, pooled fetch': async () => {
    let tokens = 0
    for await (const event of await sdk.messages.create(body)) if (event.type === 'content_block_delta') tokens++
    return tokens
  },
  'undici request(), raw bytes': async () => {
    const response = await request(`${baseURL}/v1/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    })
    let chunks = 0
    for await (const _chunk of response.body) chunks++
    return chunks
  }
}

/** CPU microseconds per reply, `count` replies read by CONCURRENT loops at once. */
async function measure (read: () => Promise<number>, count: number): Promise<number> {
  const loop = async (): Promise<void> => {
    for (let i = 0; i < count / CONCURRENT; i++) {
      if (await read() === 0) throw new Error('a reply came back empty')
    }
  }
  const before = process.cpuUsage()
  await Promise.all(Array.from({ length: CONCURRENT }, loop))
  const used = process.cpuUsage(before)
  return (used.user + used.system) / count
}

try {
  for (const read of Object.values(variants)) await measure(read, replies / 4) // warm up: compiled code only
  const results = new Map<string, number[]>()
  for (let round = 0; round < rounds; round++) {
    for (const [name, read] of Object.entries(variants)) {
      results.set(name, [...results.get(name) ?? [], await measure(read, replies)])
    }
  }
  console.log(`CPU of this process per ${TOKENS}-token reply, ${CONCURRENT} at once, ${replies} replies a round:`)
  for (const [name, runs] of results) {
    console.log(`  ${name.padEnd(30)} ${runs.map(us => `${us.toFixed(0)} µs`).join('  ')}`)
  }
} finally {
  mock.kill()
}
