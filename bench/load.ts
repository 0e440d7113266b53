// The load: complete chats per second with autocannon, and thousands of simultaneous streams with
// an undici client written for it (time to first token, completion, content checked word for word).
import { createParser } from 'eventsource-parser'
import autocannon from 'autocannon'
import { Agent, request } from 'undici'

let counter = 0
const chatBody = (prefix: string): { sessionId: string, userId: string, body: string } => {
  const n = counter++
  const sessionId = `${prefix}-${n}`
  const userId = `bench-user-${n}`
  return { sessionId, userId, body: JSON.stringify({ message: 'I have been feeling anxious about work lately', sessionId, userId }) }
}

export interface ThroughputResult {
  chatsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  loaderCpuSeconds: number
}

export async function throughput (baseUrl: string, seconds: number, connections: number): Promise<ThroughputResult> {
  const cpu = process.cpuUsage()
  const result = await autocannon({
    url: `${baseUrl}/chat`,
    connections,
    duration: seconds,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: any) => ({ ...req, body: chatBody('tp').body })
    }]
  })
  const used = process.cpuUsage(cpu)
  return {
    chatsPerSecond: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    loaderCpuSeconds: (used.user + used.system) / 1e6
  }
}

export interface StreamOutcome {
  ok: boolean
  ttftMs: number
  totalMs: number
  sessionId: string
  userId: string
  tokens: number
}

/** How a stream is asked for and read: this service's `/chat`, or the model API itself. */
interface Dialect {
  path: string
  body: () => { sessionId: string, userId: string, body: string }
  /** A piece of the reply's text, `null` for a failure, undefined for anything else. */
  textOf: (event: any) => string | null | undefined
}

const chatDialect: Dialect = {
  path: '/chat',
  body: () => chatBody('cc'),
  textOf: (event) => typeof event.content === 'string' ? event.content : event.error !== undefined ? null : undefined
}

/** The mock model's own streams, to tell its share of the time to first token from the server's. */
export const modelApiDialect: Dialect = {
  path: '/v1/messages',
  body: () => ({
    sessionId: '',
    userId: '',
    body: JSON.stringify({ model: 'bench', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'I have been feeling anxious about work lately' }] })
  }),
  textOf: (event) => event.type === 'content_block_delta' ? event.delta.text : event.type === 'error' ? null : undefined
}

async function oneStream (agent: Agent, baseUrl: string, expected: string, timeoutMs: number, dialect = chatDialect): Promise<StreamOutcome> {
  const { sessionId, userId, body } = dialect.body()
  const started = performance.now()
  let ttftMs = -1
  let text = ''
  let tokens = 0
  let failed = false
  try {
    const response = await request(`${baseUrl}${dialect.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs)
    })
    if (response.statusCode !== 200) {
      await response.body.dump()
      failed = true
    } else {
      const parser = createParser({
        onEvent: (message) => {
          const piece = dialect.textOf(JSON.parse(message.data))
          if (typeof piece === 'string') {
            if (ttftMs < 0) ttftMs = performance.now() - started
            text += piece
            tokens++
          } else if (piece === null) {
            failed = true
          }
        }
      })
      const decoder = new TextDecoder()
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Buffer, { stream: true }))
    }
  } catch {
    failed = true
  }
  return { ok: !failed && text === expected, ttftMs, totalMs: performance.now() - started, sessionId, userId, tokens }
}

export interface ConcurrencyResult {
  completed: number
  failed: number
  ttftP50Ms: number
  ttftP99Ms: number
  outcomes: StreamOutcome[]
  loaderCpuSeconds: number
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number
}

/** N streams opened in quick batches (so that the listen backlog is not the test), all followed to their end. */
export async function concurrency (baseUrl: string, streams: number, expected: string, timeoutMs: number): Promise<ConcurrencyResult> {
  const cpu = process.cpuUsage()
  const agent = new Agent({ connections: null, pipelining: 1, keepAliveTimeout: 1000, connect: { timeout: timeoutMs } })
  const running: Array<Promise<StreamOutcome>> = []
  for (let i = 0; i < streams; i++) {
    running.push(oneStream(agent, baseUrl, expected, timeoutMs))
    if (i % 250 === 249) await new Promise(resolve => setTimeout(resolve, 25))
  }
  const outcomes = await Promise.all(running)
  await agent.close()
  const used = process.cpuUsage(cpu)
  const ok = outcomes.filter(o => o.ok)
  return {
    completed: ok.length,
    failed: outcomes.length - ok.length,
    ttftP50Ms: percentile(ok.map(o => o.ttftMs), 0.5),
    ttftP99Ms: percentile(ok.map(o => o.ttftMs), 0.99),
    outcomes,
    loaderCpuSeconds: (used.user + used.system) / 1e6
  }
}

export interface SteadyResult {
  /** Streams measured: those started once about `open` streams were open. */
  measured: number
  failed: number
  ttftP50Ms: number
  ttftP99Ms: number
}

/**
 * Chats started at an even pace, so that about `open` streams (each lasting `streamMs`) are open at
 * once, for `seconds`; the time to first token of the streams started once the pace has filled up,
 * with no burst of arrivals in it.
 */
export async function steadyStreams (
  baseUrl: string, open: number, streamMs: number, seconds: number, expected: string, timeoutMs: number, dialect = chatDialect
): Promise<SteadyResult> {
  const agent = new Agent({ connections: null, pipelining: 1, keepAliveTimeout: 1000, connect: { timeout: timeoutMs } })
  const gapMs = streamMs / open
  const measured: Array<Promise<StreamOutcome>> = []
  const warmup: Array<Promise<StreamOutcome>> = []
  const began = performance.now()
  let startedCount = 0
  while (performance.now() - began < seconds * 1000) {
    const elapsed = performance.now() - began
    for (; startedCount < elapsed / gapMs; startedCount++) {
      (elapsed < streamMs ? warmup : measured).push(oneStream(agent, baseUrl, expected, timeoutMs, dialect))
    }
    await new Promise(resolve => setTimeout(resolve, 2))
  }
  const outcomes = await Promise.all(measured)
  await Promise.all(warmup)
  await agent.close()
  const ok = outcomes.filter(o => o.ok)
  return {
    measured: outcomes.length,
    failed: outcomes.length - ok.length,
    ttftP50Ms: percentile(ok.map(o => o.ttftMs), 0.5),
    ttftP99Ms: percentile(ok.map(o => o.ttftMs), 0.99)
  }
}
