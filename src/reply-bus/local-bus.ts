// The in-process reply bus (sqlite and memory stores): a bounded buffer per reply, kept for a while
// after the reply ends so that a late client can still catch up.
import type { SessionKey } from '../store/types.ts'
import { LogReader, lastSeq, type ReplyLog } from './reply-log.ts'
import type { ReplyBus, ReplyEvent, ReplyRequest, ReplyStatus, StopRequest } from './types.ts'

/** Most events a reply keeps for resuming: a runaway model cannot grow memory without bound. */
export const MAX_REPLY_EVENTS = 10000
/** Most ended replies kept for late resumes: under heavy traffic the oldest go first. */
export const MAX_ENDED_REPLIES = 5000
/** How long an erasure is remembered for a reply not yet open here. */
const ERASED_MEMORY_MS = 60000

export class LocalReplyBus implements ReplyBus {
  readonly #logs = new Map<string, ReplyLog>()
  readonly #latest = new Map<string, string>()
  /** Replies by the session and idempotency key of their request, and that key by reply. */
  readonly #requests = new Map<string, { replyId: string, fingerprint: string }>()
  readonly #requestOf = new Map<string, string>()
  readonly #stopHandlers: Array<(replyId: string, cause: StopRequest) => void> = []
  /** Replies erased while still running: forgotten at their last event, not kept for resumes. */
  readonly #erasing = new Set<string>()
  readonly #retainMs: number
  readonly #timers = new Set<NodeJS.Timeout>()
  /** Ended replies, oldest first. */
  readonly #ended = new Set<string>()
  /** Readers to wake at the end of this event-loop turn, for all replies: one timer, not one each. */
  #woken = new Set<LogReader>()
  readonly #wakeReaders = (): void => {
    const woken = this.#woken
    this.#woken = new Set()
    for (const reader of woken) reader.wake()
  }

  /** @param retainMs how long an ended reply stays available to resume */
  constructor (retainMs: number) {
    this.#retainMs = retainMs
  }

  has (replyId: string): boolean {
    return this.#logs.has(replyId)
  }

  async open (key: SessionKey, replyId: string, request?: ReplyRequest): Promise<void> {
    const session = sessionId(key)
    this.#logs.set(replyId, { data: [], first: 0, session, ended: false, listeners: 0, waiting: new Set() })
    // Erased during the chat's set-up: it runs to its erased end, but is nobody's latest reply.
    if (!this.#erasing.has(replyId)) this.#latest.set(session, replyId)
    if (request === undefined) return
    const requestKey = `${session}\n${request.idempotencyKey}`
    this.#requests.set(requestKey, { replyId, fingerprint: request.fingerprint })
    this.#requestOf.set(replyId, requestKey)
  }

  async findRequest (key: SessionKey, idempotencyKey: string): Promise<{ replyId: string, fingerprint: string } | undefined> {
    return this.#requests.get(`${sessionId(key)}\n${idempotencyKey}`)
  }

  publish (replyId: string, event: ReplyEvent): void {
    const log = this.#logs.get(replyId)
    if (log === undefined || log.ended) return
    if (event.seq !== log.first + log.data.length) throw new Error(`reply ${replyId}: event ${event.seq} out of order`)
    log.data.push(event.data)
    if (log.data.length > MAX_REPLY_EVENTS) {
      // Drop the oldest half at once, so that trimming costs little per event.
      const dropped = log.data.length - MAX_REPLY_EVENTS / 2
      log.data.splice(0, dropped)
      log.first += dropped
    }
    if (event.terminal) {
      log.ended = true
      if (this.#erasing.delete(replyId)) {
        // Its readers hold the log and still get this last event; nobody new finds it.
        this.#forget(replyId)
        this.#wake(log)
        return
      }
      const timer: NodeJS.Timeout = setTimeout(() => {
        this.#timers.delete(timer)
        this.#forget(replyId)
      }, this.#retainMs).unref()
      this.#timers.add(timer)
      this.#ended.add(replyId)
      if (this.#ended.size > MAX_ENDED_REPLIES) this.#forget(this.#ended.values().next().value as string)
    }
    this.#wake(log)
  }

  #wake (log: ReplyLog): void {
    if (log.waiting.size === 0) return
    // Readers wake after this turn, so that the rest of a burst goes out with them in one write.
    if (this.#woken.size === 0) setImmediate(this.#wakeReaders)
    for (const reader of log.waiting) this.#woken.add(reader)
    log.waiting.clear()
  }

  async latestReply (key: SessionKey): Promise<string | undefined> {
    return this.#latest.get(sessionId(key))
  }

  async status (replyId: string): Promise<ReplyStatus | undefined> {
    const log = this.#logs.get(replyId)
    return log === undefined ? undefined : { ended: log.ended, lastSeq: lastSeq(log) }
  }

  follow (replyId: string, afterSeq: number, signal: AbortSignal): AsyncIterable<ReplyEvent[]> {
    const log = this.#logs.get(replyId)
    return log === undefined ? noEvents() : new LogReader(log, afterSeq, signal)
  }

  attach (replyId: string): () => void {
    const log = this.#logs.get(replyId)
    if (log === undefined) return () => {}
    log.listeners++
    let attached = true
    return () => {
      if (attached) log.listeners--
      attached = false
    }
  }

  async hasListeners (replyId: string): Promise<boolean> {
    return (this.#logs.get(replyId)?.listeners ?? 0) > 0
  }

  async requestStop (replyId: string): Promise<void> {
    for (const handler of this.#stopHandlers) handler(replyId, 'stopped')
  }

  async erase (key: SessionKey, runningReplyId: string | undefined): Promise<void> {
    const latest = this.#latest.get(sessionId(key))
    this.#latest.delete(sessionId(key))
    for (const replyId of new Set([runningReplyId, latest])) {
      if (replyId !== undefined) this.eraseReply(replyId)
    }
  }

  /** Stops the reply as erased and drops its events: now if it has ended, else at its last event. */
  eraseReply (replyId: string): void {
    for (const handler of this.#stopHandlers) handler(replyId, 'erased')
    const log = this.#logs.get(replyId)
    if (log?.ended === true) {
      this.#forget(replyId)
      return
    }
    this.#erasing.add(replyId)
    // Not open yet (still in set-up), or running on another instance: remembered for a while only.
    if (log === undefined) setTimeout(() => { if (!this.#logs.has(replyId)) this.#erasing.delete(replyId) }, ERASED_MEMORY_MS).unref()
  }

  onStop (handler: (replyId: string, cause: StopRequest) => void): void {
    this.#stopHandlers.push(handler)
  }

  async close (): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#logs.clear()
    this.#latest.clear()
    this.#ended.clear()
    this.#erasing.clear()
    this.#requests.clear()
    this.#requestOf.clear()
  }

  #forget (replyId: string): void {
    const log = this.#logs.get(replyId)
    this.#logs.delete(replyId)
    this.#ended.delete(replyId)
    const requestKey = this.#requestOf.get(replyId)
    if (requestKey !== undefined) {
      this.#requestOf.delete(replyId)
      if (this.#requests.get(requestKey)?.replyId === replyId) this.#requests.delete(requestKey)
    }
    if (log !== undefined && this.#latest.get(log.session) === replyId) this.#latest.delete(log.session)
  }
}

async function * noEvents (): AsyncGenerator<ReplyEvent[]> {}

function sessionId (key: SessionKey): string {
  return JSON.stringify([key.userId, key.sessionId])
}
