// A micro-benchmark of this service's own per-token path, without sockets or the SDK: a message sent
// through the chat use case (as POST /chat does, on the memory store and the in-process bus), its
// reply read by a client's SSE messages. Tokens arrive one per event-loop turn, before that turn's
// check phase where readers are woken, as from a socket. Prints CPU microseconds per token, each
// reply's set-up included: `npm run bench` measures the whole service, this isolates the layers
// between the model's stream and fastify-sse-v2.
// Run: npm run build && node dist/bench/reply-path.js [streams] [tokens]
import { Registry } from 'prom-client'
import type { Agent, AgentReply } from '../src/agent/types.ts'
import { Conversation } from '../src/chat/conversation.ts'
import { ReplyRegistry } from '../src/chat/reply-registry.ts'
import { StreamCounter } from '../src/chat/stream-counter.ts'
import { LocalReplyBus } from '../src/reply-bus/local-bus.ts'
import { loadCrisisResources, DEFAULT_CRISIS_RESOURCES_FILE } from '../src/safety/resources.ts'
import { screenMessage } from '../src/safety/screen.ts'
import { SseMessages } from '../src/sse/follow-events.ts'
import { createMemoryStore } from '../src/store/memory.ts'
import { createChatMetrics } from '../src/telemetry/chat-metrics.ts'

const streams = Number(process.argv[2] ?? 2000)
const tokens = Number(process.argv[3] ?? 20)
const rounds = 6

/**
 * Every waiting model gets its next token in the same later turn, as many sockets would: from a
 * timer, which runs before that turn's immediates, as socket reads do.
 */
let arrivals: Array<() => void> = []
function nextTurn (): Promise<void> {
  return new Promise(resolve => {
    if (arrivals.length === 0) {
      setTimeout(() => {
        const due = arrivals
        arrivals = []
        for (const arrive of due) arrive()
      }, 0)
    }
    arrivals.push(resolve)
  })
}

async function * model (): AgentReply {
  for (let i = 0; i < tokens; i++) {
    await nextTurn()
    yield `token${i} `
  }
  return { stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: tokens } }
}

const agent: Agent = { provider: 'bench', model: 'bench', promptTokens: 0, stream: () => model() }
const silent = { info: () => {}, warn: () => {}, error: () => {} }
const bus = new LocalReplyBus(1000)
const conversation = new Conversation({
  store: createMemoryStore(),
  agent,
  bus,
  registry: new ReplyRegistry(),
  streams: new StreamCounter(Infinity, Infinity),
  safety: { screen: screenMessage, resources: await loadCrisisResources(DEFAULT_CRISIS_RESOURCES_FILE) },
  compliance: { noticesFor: async () => [], recordReferral: async () => {} },
  metrics: createChatMetrics(new Registry()),
  historyMaxTokens: 4000,
  isDraining: () => false
})

async function oneReply (sessionId: string): Promise<number> {
  const { replyId } = await conversation.send({
    key: { userId: 'bench', sessionId },
    text: 'I had a long day at work',
    minor: false,
    holder: 'bench',
    attempt: {},
    log: silent,
    elapsedMs: () => 0
  })
  let messages = 0
  for await (const message of new SseMessages(replyId, bus.follow(replyId, -1, new AbortController().signal))) {
    if (message.data !== undefined || message.comment !== undefined) messages++
  }
  return messages
}

for (let round = 1; round <= rounds; round++) {
  const before = process.cpuUsage()
  const counts = await Promise.all(Array.from({ length: streams }, (_, i) => oneReply(`r${round}-${i}`)))
  const used = process.cpuUsage(before)
  const perToken = (used.user + used.system) / (streams * tokens)
  // Round 1 includes the JIT's warm-up.
  console.log(`round ${round}: ${perToken.toFixed(2)} µs CPU per token (${streams} streams × ${tokens} tokens, ${counts.reduce((a, b) => a + b, 0)} SSE messages)`)
}
await bus.close()
