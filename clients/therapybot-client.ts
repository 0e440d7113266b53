// A small streaming client for the TherapyBot API, for browsers and Node: plain TypeScript, one
// dependency (eventsource-parser, which reassembles events split across network reads correctly).
//
//   for await (const event of chat({ baseUrl, message, sessionId, signal })) {
//     if (event.type === 'notice') showNotice(event.notice)          // must be shown: the AI disclosure, a minor's notices
//     else if (event.type === 'safety') showResources(event.safety)  // must be shown: crisis resources
//     else if (event.type === 'content') append(event.content)
//   }
//
// A dropped connection is retried at once (the same Idempotency-Key and the last event id, so the
// reply resumes and the message is never stored twice). Aborting `signal` stops the reply on the
// server too, unless `keepRunning` asks that it go on for a later `resume()`.
import { createParser, type EventSourceMessage } from 'eventsource-parser'
// Types only (erased when compiled): the events as the service defines them, so the two cannot drift.
import type * as Vocabulary from '../src/vocabulary.ts'

export type Resource = Vocabulary.SafetyEvent['safety']['resources'][number]

export type ContentEvent = { type: 'content' } & Vocabulary.ContentEvent
/** Every kind of notice the service sends (as its compliance profiles make them due); show each one. */
export type NoticeKind = Vocabulary.NoticeKind
export const NOTICE_KINDS = ['ai_disclosure', 'minor_suitability', 'break_reminder'] as const satisfies readonly NoticeKind[]
/**
 * A notice the user must see: `ai_disclosure` (an AI, not a person: first in a session, then at
 * intervals and when asked), and for a user known to be a minor `minor_suitability` (at the start:
 * the service may not be suitable for some minors) and `break_reminder` (at intervals: take a break).
 */
export type NoticeEvent = { type: 'notice' } & Vocabulary.NoticeEvent
/** The crisis protocol fired: show the message and the resources, before and beside the reply. */
export type SafetyEvent = { type: 'safety' } & Vocabulary.SafetyEvent
/**
 * The reply ended and is stored (`messageId` is its id in `messages()`). `fallback: true`: the
 * configured model failed before its first token, so the service's built-in offline listener
 * answered instead (worth a quiet note to the user: the reply is simpler than usual).
 */
export type DoneEvent = { type: 'done' } & Vocabulary.DoneEvent
export type ReplyErrorEvent = { type: 'error' } & Vocabulary.ErrorEvent

/**
 * A message as the server stored it (GET /sessions/{id}/messages). `interrupted`: cut short, or
 * still streaming (a reply is stored so while it goes on); `unreadable`: it could not be decrypted
 * (its content is empty).
 */
export interface StoredMessage { id: string, role: Vocabulary.Role, content: string, createdAt: string, status: Vocabulary.MessageStatus }

/** Every event carries its `id` (`<replyId>:<sequence>`): keep the last one to resume after a drop. */
export type ChatEvent = { id: string } & (ContentEvent | NoticeEvent | SafetyEvent | DoneEvent | ReplyErrorEvent)

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

/**
 * 400 MESSAGE_TOO_LONG: the message is over the server's limit (MAX_MESSAGE_CHARS) and was not
 * stored. Keep the user's text, tell them, and let them send it split into shorter messages.
 * When the text itself tripped the crisis screen, `safety` holds the resources to show now.
 */
export class MessageTooLongError extends TherapyBotError {
  override name = 'MessageTooLongError'
  /** The most characters one message may hold, as the server named it (undefined if it did not). */
  readonly limit: number | undefined
  /** The crisis resources, when the refused text tripped the screen: show them as for a safety event. */
  readonly safety: Vocabulary.SafetyEvent['safety'] | undefined

  constructor (message: string, limit: number | undefined, safety?: Vocabulary.SafetyEvent['safety']) {
    super(message, 400, 'MESSAGE_TOO_LONG')
    this.limit = limit
    this.safety = safety
  }
}

interface ErrorBody { error?: string, code?: string, limit?: unknown, safety?: Vocabulary.SafetyEvent['safety'] }

/** The error a JSON error body stands for, typed by its code. */
function answeredError (status: number, body: ErrorBody): TherapyBotError {
  const message = body.error ?? `HTTP ${status}`
  if (body.code === 'MESSAGE_TOO_LONG') {
    return new MessageTooLongError(message, typeof body.limit === 'number' ? body.limit : undefined, body.safety)
  }
  return new TherapyBotError(message, status, body.code ?? 'HTTP_ERROR')
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
  /**
   * The user is a minor: the server adds the minors' notices and break reminders. Read only with
   * authentication off; with it on, the token's claim decides.
   */
  minor?: boolean
  /** Names this message for safe retries; one is made when not given. */
  idempotencyKey?: string
  /** When `signal` aborts, let the reply go on on the server (to `resume()` it later) instead of stopping it. */
  keepRunning?: boolean
  /** How many times a dropped connection is retried before giving up (default 3). */
  retries?: number
  /** Told when a dropped connection is about to be retried (to show "reconnecting"). */
  onRetry?: (attempt: number) => void
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
    throw answeredError(response.status, await response.json().catch(() => ({})) as ErrorBody)
  }
  return response
}

function query (userId: string | undefined): string {
  return userId === undefined ? '' : `?userId=${encodeURIComponent(userId)}`
}

const RETRY_DELAY_MS = 250

function newKey (): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID()
  // Outside a secure context (plain http on a LAN address) browsers have no randomUUID.
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('')
}

async function pause (ms: number, signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve() }, ms)
    const onAbort = (): void => { clearTimeout(timer); reject(signal?.reason) }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Sends a message; yields the reply's events as they stream in, to its `done` or `error` event.
 * A dropped connection is retried (the reply resumes where it was); an error answered before the
 * stream is thrown as TherapyBotError (MessageTooLongError for a message over the server's limit:
 * nothing was stored). Aborting `signal`, or leaving the loop early, stops the
 * reply on the server unless `keepRunning` is set.
 */
export async function * chat (options: ChatOptions): AsyncGenerator<ChatEvent> {
  const key = options.idempotencyKey ?? newKey()
  const retries = options.retries ?? 3
  const body = JSON.stringify({ message: options.message, sessionId: options.sessionId, userId: options.userId, minor: options.minor })
  let lastEventId: string | undefined
  let ended = false
  let failed = 0
  let lost: unknown
  try {
    for (;;) {
      try {
        const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': `"${key}"` }
        if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId
        const response = await open(options, '/chat', { method: 'POST', headers, body })
        if (response === undefined) {
          ended = true
          return
        }
        for await (const event of readEvents(response.body as ReadableStream<Uint8Array>)) {
          lastEventId = event.id
          failed = 0
          ended = event.type === 'done' || event.type === 'error'
          yield event
          if (ended) return
        }
        // The body ended before the reply did: the connection was cut.
      } catch (error) {
        if (options.signal?.aborted === true) throw error
        // Only a lost connection is worth retrying; an answered error is the caller's to see.
        if (error instanceof TherapyBotError && error.status !== 0) {
          ended = true
          throw error
        }
        lost = error
      }
      if (failed++ >= retries) {
        ended = true
        throw lost instanceof TherapyBotError ? lost : new TherapyBotError(`The connection was lost${lost instanceof Error ? `: ${lost.message}` : ''}`, 0, 'NETWORK_ERROR')
      }
      options.onRetry?.(failed)
      await pause(RETRY_DELAY_MS * 2 ** (failed - 1), options.signal)
    }
  } finally {
    // The caller gave up on the reply (aborted, or left the loop): without a stop, the server
    // would go on generating it for the resume window.
    if (!ended && options.keepRunning !== true) await stop({ ...options, signal: undefined }).catch(() => {})
  }
}

/** Picks the session's latest reply up after `lastEventId`, and follows it to its end. */
export async function * resume (options: ResumeOptions): AsyncGenerator<ChatEvent> {
  const headers: Record<string, string> = options.lastEventId !== undefined ? { 'Last-Event-ID': options.lastEventId } : {}
  const response = await open(options, `/sessions/${encodeURIComponent(options.sessionId)}/stream${query(options.userId)}`, { headers })
  if (response !== undefined) yield * readEvents(response.body as ReadableStream<Uint8Array>)
}

/** The session's stored messages, oldest first (none for a session not yet begun): to show a conversation again after a reload. */
export async function messages (options: Common): Promise<StoredMessage[]> {
  try {
    const response = await open(options, `/sessions/${encodeURIComponent(options.sessionId)}/messages${query(options.userId)}`, {})
    return response === undefined ? [] : ((await response.json()) as { messages: StoredMessage[] }).messages
  } catch (error) {
    if (error instanceof TherapyBotError && error.code === 'SESSION_NOT_FOUND') return []
    throw error
  }
}

/** Stops the reply now streaming for the session (the partial reply is kept). */
export async function stop (options: Common): Promise<void> {
  await open(options, `/sessions/${encodeURIComponent(options.sessionId)}/stop${query(options.userId)}`, { method: 'POST' })
}
