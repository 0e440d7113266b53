// The in-process reply bus (sqlite and memory stores): a bounded buffer per reply, kept for a while
// after the reply ends so that a late client can still catch up.
import type { SessionKey } from '../store/types.ts'
import type { ReplyBus, ReplyEvent, ReplyStatus } from './types.ts'

/** Most events a reply keeps for resuming: a runaway model cannot grow memory without bound. */
export const MAX_REPLY_EVENTS = 10000
/** Most ended replies kept for late resumes: under heavy traffic the oldest go first. */
export const MAX_ENDED_REPLIES = 5000

interface ReplyLog {
  /**
   * The newest events' payloads (at most MAX_REPLY_EVENTS); `first` is the seq of data[0], and the
   * last is terminal once `ended`. Payloads only, not event objects: thousands of ended replies wait
   * here for late resumes, and an object per event was about half of their memory.
   */
  data: string[]
  first: number
  /** The session it answers, to drop it as the session's latest reply when it goes. */
  session: string
  ended: boolean
  listeners: number
  wake: Set<() => void>
}

export class LocalReplyBus implements ReplyBus {
  readonly #logs = new Map<string, ReplyLog>()
  readonly #latest = new Map<string, string>()
  readonly #stopHandlers: Array<(replyId: string) => void> = []
  readonly #retainMs: number
  readonly #timers = new Set<NodeJS.Timeout>()
  /** Ended replies, oldest first. */
  readonly #ended = new Set<string>()

  /** @param retainMs how long an ended reply stays available to resume */
  constructor (retainMs: number) {
    this.#retainMs = retainMs
  }

  has (replyId: string): boolean {
    return this.#logs.has(replyId)
  }

  async open (key: SessionKey, replyId: string): Promise<void> {
    const session = sessionId(key)
    this.#logs.set(replyId, { data: [], first: 0, session, ended: false, listeners: 0, wake: new Set() })
    this.#latest.set(session, replyId)
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
      const timer: NodeJS.Timeout = setTimeout(() => {
        this.#timers.delete(timer)
        this.#forget(replyId)
      }, this.#retainMs).unref()
      this.#timers.add(timer)
      this.#ended.add(replyId)
      if (this.#ended.size > MAX_ENDED_REPLIES) this.#forget(this.#ended.values().next().value as string)
    }
    for (const wake of log.wake) wake()
    log.wake.clear()
  }

  async latestReply (key: SessionKey): Promise<string | undefined> {
    return this.#latest.get(sessionId(key))
  }

  async status (replyId: string): Promise<ReplyStatus | undefined> {
    const log = this.#logs.get(replyId)
    return log === undefined ? undefined : { ended: log.ended, lastSeq: lastSeq(log) }
  }

  async * follow (replyId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ReplyEvent[]> {
    const log = this.#logs.get(replyId)
    if (log === undefined) return
    // One abort listener for the whole follow, not one per wait: a wait per token adds up.
    let wakeReader: (() => void) | undefined
    const onAbort = (): void => wakeReader?.()
    signal.addEventListener('abort', onAbort, { once: true })
    let next = afterSeq + 1
    try {
      while (!signal.aborted) {
        // A reader that fell behind the kept window continues from the oldest event kept.
        next = Math.max(next, log.first)
        if (next <= lastSeq(log)) {
          const batch = eventsFrom(log, next)
          next += batch.length
          yield batch
          continue
        }
        if (log.ended) return
        await new Promise<void>(resolve => {
          const wake = (): void => {
            wakeReader = undefined
            log.wake.delete(wake)
            // Let the rest of a burst arrive first (one turn of the event loop), to send it in one write.
            setImmediate(resolve)
          }
          wakeReader = wake
          log.wake.add(wake)
        })
      }
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
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
    for (const handler of this.#stopHandlers) handler(replyId)
  }

  onStop (handler: (replyId: string) => void): void {
    this.#stopHandlers.push(handler)
  }

  async close (): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#logs.clear()
    this.#latest.clear()
    this.#ended.clear()
  }

  #forget (replyId: string): void {
    const log = this.#logs.get(replyId)
    this.#logs.delete(replyId)
    this.#ended.delete(replyId)
    if (log !== undefined && this.#latest.get(log.session) === replyId) this.#latest.delete(log.session)
  }
}

function lastSeq (log: ReplyLog): number {
  return log.first + log.data.length - 1
}

/** The log's events from seq `from` (within what is kept) to the newest. */
function eventsFrom (log: ReplyLog, from: number): ReplyEvent[] {
  const last = lastSeq(log)
  const events: ReplyEvent[] = []
  for (let seq = from; seq <= last; seq++) {
    events.push({ seq, data: log.data[seq - log.first] as string, terminal: log.ended && seq === last })
  }
  return events
}

function sessionId (key: SessionKey): string {
  return JSON.stringify([key.userId, key.sessionId])
}
