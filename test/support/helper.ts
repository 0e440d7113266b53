// Builds the real app for a test, on the test's own settings, and tears it down after.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from '../../src/app.ts'
import { sseParser } from './sse.ts'

type Test = { teardown: (fn: () => unknown) => void }

/** Settings every test starts from: nothing from the machine's environment leaks in. */
export const TEST_ENV: Record<string, string> = {
  STORE: 'memory',
  LOG_LEVEL: 'silent',
  AGENT_PROVIDER: 'reflective',
  // The tests of model failures expect the error event; the fallback's own test turns it on.
  AGENT_FALLBACK: 'none',
  REFLECTIVE_WORD_DELAY_MS: '0',
  AGENT_RETRY_DELAY_MS: '10',
  RATE_LIMIT_MAX: '10000',
  AUTH_FAILURES_MAX: '10000',
  // Every test client is 127.0.0.1, one anonymous holder; the tests of the cap set their own.
  MAX_STREAMS_PER_USER: '100'
}

export async function build (t: Test, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp({ ...options, env: { ...TEST_ENV, ...options.env } })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** Listens on a free loopback port, for tests that need a real socket. */
export async function listen (app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

export interface ChatStream {
  status: number
  headers: Headers
  events: any[]
  /** The events after the opening `notice` and `safety` ones: content, then done or error. */
  replyEvents: any[]
  /** Event ids, in order. */
  ids: string[]
  comments: string[]
  /** What arrived, in order: 'ping' or the event's kind (content, done, error...). */
  sequence: string[]
  /** The content events joined. */
  text: string
}

/** Posts a chat over a real socket and reads the SSE stream to its end (or until `stopAfter` says so). */
export async function postChat (baseUrl: string, body: object, options: { signal?: AbortSignal, onEvent?: (event: any) => void, headers?: Record<string, string> } = {}): Promise<ChatStream> {
  const response = await fetch(`${baseUrl}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body),
    signal: options.signal
  })
  const result: ChatStream = { status: response.status, headers: response.headers, events: [], replyEvents: [], ids: [], comments: [], sequence: [], text: '' }
  const parser = sseParser({
    onEvent: ({ id, data: event }) => {
      result.events.push(event)
      result.sequence.push(Object.keys(event)[0] as string)
      if (id !== undefined) result.ids.push(id)
      if (typeof event.content === 'string') result.text += event.content
      options.onEvent?.(event)
    },
    onComment: (comment) => {
      result.comments.push(comment)
      result.sequence.push(comment.trim())
    }
  })
  const decoder = new TextDecoder()
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }))
  } catch (error) {
    if (options.signal?.aborted !== true) throw error
  }
  result.replyEvents = result.events.filter(event => !('notice' in event) && !('safety' in event))
  return result
}

/** A loopback port nobody listens on now, for a process a test starts itself. */
export { freePort } from '../../bench/processes.ts'
