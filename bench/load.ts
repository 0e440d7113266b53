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
  /** Complete chats (2xx answers). */
  chats: number
  loaderCpuSeconds: number
}

/**
 * Complete chats per second over `seconds`, or, with `amount`, the time `amount` chats take (each
 * request's body from `body`: the dialect's own unless given).
 */
export async function throughput (
  baseUrl: string, seconds: number, connections: number, dialect: Dialect = chatDialect, options: { amount?: number, body?: () => string } = {}
): Promise<ThroughputResult> {
  const cpu = process.cpuUsage()
  const began = performance.now()
  const body = options.body ?? (() => dialect.body('tp').body)
  const result = await autocannon({
    url: `${baseUrl}${dialect.path}`,
    connections,
    ...(options.amount === undefined ? { duration: seconds } : { amount: options.amount }),
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: any) => ({ ...req, body: body() })
    }]
  })
  const used = process.cpuUsage(cpu)
  const elapsedSeconds = options.amount === undefined ? seconds : (performance.now() - began) / 1000
  return {
    chatsPerSecond: result['2xx'] / elapsedSeconds,
    chats: result['2xx'],
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

/** How a stream is asked for and read: this service's `/chat`, the AI SDK's UI message stream, or the model API itself. */
export interface Dialect {
  path: string
  body: (prefix: string) => { sessionId: string, userId: string, body: string }
  /** A piece of the reply's text, `null` for a failure, undefined for anything else. */
  textOf: (event: any) => string | null | undefined
}

export const chatDialect: Dialect = {
  path: '/chat',
  body: chatBody,
  textOf: (event) => typeof event.content === 'string' ? event.content : event.error !== undefined ? null : undefined
}

/** What `useChat` sends (the conversation's messages, here one) and reads (`text-delta` parts). */
export const aiSdkDialect: Dialect = {
  path: '/api/chat',
  body: (prefix) => {
    const n = counter++
    const sessionId = `${prefix}-${n}`
    const message = { id: `m-${n}`, role: 'user', parts: [{ type: 'text', text: 'I have been feeling anxious about work lately' }] }
    return { sessionId, userId: '', body: JSON.stringify({ id: sessionId, messages: [message], trigger: 'submit-message' }) }
  },
  textOf: (event) => event.type === 'text-delta' ? event.delta : event.type === 'error' ? null : undefined
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
  const { sessionId, userId, body } = dialect.body('cc')
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
          // The UI message stream's last event.
          if (message.data === '[DONE]') return
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

/**
 * N streams, all followed to their end: opened at an even pace over `overMs`, or with `overMs` 0 in
 * one burst (quick batches, so that the listen backlog is not the test).
 */
export async function concurrency (
  baseUrl: string, streams: number, expected: string, timeoutMs: number, overMs = 0, dialect = chatDialect
): Promise<ConcurrencyResult> {
  const cpu = process.cpuUsage()
  const agent = new Agent({ connections: null, pipelining: 1, keepAliveTimeout: 1000, connect: { timeout: timeoutMs } })
  const running: Array<Promise<StreamOutcome>> = []
  if (overMs === 0) {
    for (let i = 0; i < streams; i++) {
      running.push(oneStream(agent, baseUrl, expected, timeoutMs, dialect))
      if (i % 250 === 249) await new Promise(resolve => setTimeout(resolve, 25))
    }
  } else {
    const began = performance.now()
    while (running.length < streams) {
      const due = Math.min(streams, Math.ceil((performance.now() - began) * streams / overMs))
      while (running.length < due) running.push(oneStream(agent, baseUrl, expected, timeoutMs, dialect))
      await new Promise(resolve => setTimeout(resolve, 2))
    }
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
