// The load: complete chats per second with autocannon, and thousands of simultaneous streams with
// an undici client written for it (time to first token, completion, content checked word for word).
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

async function oneStream (agent: Agent, baseUrl: string, expected: string, timeoutMs: number): Promise<StreamOutcome> {
  const { sessionId, userId, body } = chatBody('cc')
  const started = performance.now()
  let ttftMs = -1
  let text = ''
  let tokens = 0
  let failed = false
  try {
    const response = await request(`${baseUrl}/chat`, {
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
      let pending = ''
      for await (const chunk of response.body) {
        pending += (chunk as Buffer).toString('utf8')
        let end: number
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, end)
          pending = pending.slice(end + 2)
          const at = block.indexOf('data: ')
          if (at < 0) continue
          const event = JSON.parse(block.slice(at + 6).split('\n')[0] as string)
          if (typeof event.content === 'string') {
            if (ttftMs < 0) ttftMs = performance.now() - started
            text += event.content
            tokens++
          } else if (event.error !== undefined) {
            failed = true
          }
        }
      }
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
