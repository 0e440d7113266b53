// A small streaming client for the TherapyBot API, for browsers and Node: plain TypeScript, one
// dependency (eventsource-parser, which reassembles events split across network reads correctly).
//
//   for await (const event of chat({ baseUrl, message, sessionId })) {
//     if (event.type === 'content') show(event.content)
//   }
import { createParser, type EventSourceMessage } from 'eventsource-parser'

export interface Resource { name: string, phone?: string, text?: string, url?: string, description?: string }

/** Every event carries its `id` (`<replyId>:<sequence>`): keep the last one to resume after a drop. */
export type ChatEvent = { id: string } & (
  | { type: 'content', content: string }
  | { type: 'notice', notice: { kind: 'ai_disclosure', message: string } }
  | { type: 'safety', safety: { level: 'elevated' | 'crisis', category: 'self_harm' | 'harm_to_others' | 'abuse', message: string, resources: Resource[] } }
  | { type: 'done', done: true, messageId: string, stopReason: string, usage?: { inputTokens: number, outputTokens: number, cacheReadTokens?: number, cacheWriteTokens?: number } }
  | { type: 'error', error: string, code: string }
)

/** An error answered before the stream started (4xx/5xx JSON), or a network failure (status 0). */
export class TherapyBotError extends Error {
  override name = 'TherapyBotError'
  readonly status: number
  readonly code: string

  constructor (message: string, status: number, code: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

interface Common {
  baseUrl: string
  sessionId: string
  userId?: string
  /** A bearer token, when the operator has turned authentication on. */
  token?: string
  signal?: AbortSignal
  /** Send cookies cross-origin (the server allows credentials). */
  credentials?: 'omit' | 'same-origin' | 'include'
  fetch?: typeof fetch
}

export interface ChatOptions extends Common {
  message: string
}

export interface ResumeOptions extends Common {
  /** The id of the last event received; without it, the whole latest reply again. */
  lastEventId?: string
}

const KINDS = ['content', 'notice', 'safety', 'done', 'error'] as const

/** Reads an SSE body into typed events, whatever the chunking of the bytes. */
export async function * readEvents (body: ReadableStream<Uint8Array>): AsyncGenerator<ChatEvent> {
  const queue: ChatEvent[] = []
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      const data = JSON.parse(message.data) as Record<string, unknown>
      const type = KINDS.find(kind => kind in data)
      if (type !== undefined) queue.push({ id: message.id ?? '', type, ...data } as ChatEvent)
    }
  })
  const reader = body.getReader()
  const decoder = new TextDecoder()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
      while (queue.length > 0) yield queue.shift() as ChatEvent
    }
    parser.feed(decoder.decode())
    while (queue.length > 0) yield queue.shift() as ChatEvent
  } finally {
    reader.releaseLock()
  }
}

async function open (options: Common, path: string, init: RequestInit): Promise<Response | undefined> {
  const headers = new Headers(init.headers)
  if (options.token !== undefined) headers.set('Authorization', `Bearer ${options.token}`)
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(`${options.baseUrl.replace(/\/$/, '')}${path}`, {
      ...init, headers, signal: options.signal, credentials: options.credentials
    })
  } catch (error) {
    if (options.signal?.aborted === true) throw error
    throw new TherapyBotError(`Cannot reach the server: ${(error as Error).message}`, 0, 'NETWORK_ERROR')
  }
  if (response.status === 204) return undefined
  if (!response.ok || response.body === null) {
    const body = await response.json().catch(() => ({})) as { error?: string, code?: string }
    throw new TherapyBotError(body.error ?? `HTTP ${response.status}`, response.status, body.code ?? 'HTTP_ERROR')
  }
  return response
}

function query (userId: string | undefined): string {
  return userId === undefined ? '' : `?userId=${encodeURIComponent(userId)}`
}

/** Sends a message; yields the reply's events as they stream in. */
export async function * chat (options: ChatOptions): AsyncGenerator<ChatEvent> {
  const response = await open(options, '/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: options.message, sessionId: options.sessionId, userId: options.userId })
  })
  if (response !== undefined) yield * readEvents(response.body as ReadableStream<Uint8Array>)
}

/** Picks the session's latest reply up after `lastEventId`, and follows it to its end. */
export async function * resume (options: ResumeOptions): AsyncGenerator<ChatEvent> {
  const headers: Record<string, string> = options.lastEventId !== undefined ? { 'Last-Event-ID': options.lastEventId } : {}
  const response = await open(options, `/sessions/${encodeURIComponent(options.sessionId)}/stream${query(options.userId)}`, { headers })
  if (response !== undefined) yield * readEvents(response.body as ReadableStream<Uint8Array>)
}

/** Stops the reply now streaming for the session (the partial reply is kept). */
export async function stop (options: Common): Promise<void> {
  await open(options, `/sessions/${encodeURIComponent(options.sessionId)}/stop${query(options.userId)}`, { method: 'POST' })
}
