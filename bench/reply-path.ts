// A micro-benchmark of this service's own per-token path, without sockets or the SDK: a reply run
// publishing to the in-process bus, read by a client's SSE messages. Tokens arrive one per
// event-loop turn, before that turn's check phase where readers are woken, as from a socket.
// Prints CPU microseconds per token: `npm run bench` measures the whole service, this isolates the
// layers between the model's stream and fastify-sse-v2.
// Run: npm run build && node dist/bench/reply-path.js [streams] [tokens]
import type { AgentReply } from '../src/agent/types.ts'
import { ReplyRun } from '../src/chat/reply-run.ts'
import { SseMessages } from '../src/sse/follow-events.ts'
import { LocalReplyBus } from '../src/streams/local-bus.ts'

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

async function oneReply (bus: LocalReplyBus, replyId: string): Promise<number> {
  await bus.open({ userId: 'bench', sessionId: replyId }, replyId)
  const run = new ReplyRun({
    replyId,
    startReply: () => model(),
    publish: (seq, payload, terminal) => bus.publish(replyId, { seq, data: JSON.stringify(payload), terminal }),
    onEnd: async () => {},
    onError: (error) => { throw error }
  })
  let messages = 0
  for await (const message of new SseMessages(replyId, bus.follow(replyId, -1, new AbortController().signal))) {
    if (message.data !== undefined || message.comment !== undefined) messages++
  }
  await run.done
  return messages
}

const bus = new LocalReplyBus(1000)
for (let round = 1; round <= rounds; round++) {
  const before = process.cpuUsage()
  const counts = await Promise.all(Array.from({ length: streams }, (_, i) => oneReply(bus, `r${round}-${i}`)))
  const used = process.cpuUsage(before)
  const perToken = (used.user + used.system) / (streams * tokens)
  // Round 1 includes the JIT's warm-up.
  console.log(`round ${round}: ${perToken.toFixed(2)} µs CPU per token (${streams} streams × ${tokens} tokens, ${counts.reduce((a, b) => a + b, 0)} SSE messages)`)
}
await bus.close()
