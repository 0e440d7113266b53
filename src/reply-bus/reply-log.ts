// A reply's events kept in memory, and one client's reader of them. The reader is an iterator
// written out, not an async generator: with thousands of open streams, a generator step, a promise,
// a closure and a timer per token per reader added up (bench/PROFILE.md).
import type { ReplyEvent } from './types.ts'

export interface ReplyLog {
  /**
   * The newest events' payloads; `first` is the seq of data[0], and the last is terminal once
   * `ended`. Payloads only, not event objects: thousands of ended replies wait here for late
   * resumes, and an object per event was much of their memory.
   */
  data: string[]
  first: number
  /** The session it answers, to drop it as the session's latest reply when it goes. */
  session: string
  ended: boolean
  listeners: number
  /** Readers waiting for the next event. */
  waiting: Set<LogReader>
}

export function lastSeq (log: ReplyLog): number {
  return log.first + log.data.length - 1
}

/** The log's events from seq `from` (within what is kept) to the newest. */
export function eventsFrom (log: ReplyLog, from: number): ReplyEvent[] {
  const last = lastSeq(log)
  const events: ReplyEvent[] = []
  for (let seq = from; seq <= last; seq++) {
    events.push({ seq, data: log.data[seq - log.first] as string, terminal: log.ended && seq === last })
  }
  return events
}

const DONE: IteratorResult<ReplyEvent[], undefined> = { value: undefined, done: true }

/**
 * The events after `afterSeq`, then live ones, in batches of what is ready, until the terminal
 * event, `return()` or the signal. While it waits it sits in the log's `waiting` set, and the bus
 * calls `wake()` once events have arrived.
 */
export class LogReader implements AsyncIterableIterator<ReplyEvent[], undefined> {
  readonly #log: ReplyLog
  readonly #signal: AbortSignal
  #next: number
  #closed = false
  /** The consumer's `next()`, waiting. */
  #waiting: ((result: IteratorResult<ReplyEvent[], undefined>) => void) | undefined
  readonly #onAbort = (): void => { this.#close() }

  constructor (log: ReplyLog, afterSeq: number, signal: AbortSignal) {
    this.#log = log
    this.#signal = signal
    this.#next = afterSeq + 1
    if (signal.aborted) this.#closed = true
    else signal.addEventListener('abort', this.#onAbort, { once: true })
  }

  [Symbol.asyncIterator] (): this {
    return this
  }

  next (): Promise<IteratorResult<ReplyEvent[], undefined>> {
    const result = this.#take()
    if (result !== undefined) return Promise.resolve(result)
    return new Promise(resolve => {
      this.#waiting = resolve
      this.#log.waiting.add(this)
    })
  }

  return (): Promise<IteratorResult<ReplyEvent[], undefined>> {
    this.#close()
    return Promise.resolve(DONE)
  }

  /** From the bus: events were published since this reader began to wait (if none are new, it waits on). */
  wake (): void {
    const waiting = this.#waiting
    if (waiting === undefined) return
    const result = this.#take()
    if (result === undefined) {
      this.#log.waiting.add(this)
      return
    }
    this.#waiting = undefined
    waiting(result)
  }

  /** The next batch, or the end; undefined when there is nothing yet to read. */
  #take (): IteratorResult<ReplyEvent[], undefined> | undefined {
    if (this.#closed) return DONE
    const log = this.#log
    // A reader that fell behind the kept window continues from the oldest event kept.
    const from = Math.max(this.#next, log.first)
    if (from <= lastSeq(log)) {
      const batch = eventsFrom(log, from)
      this.#next = from + batch.length
      return { value: batch, done: false }
    }
    if (!log.ended) return undefined
    this.#close()
    return DONE
  }

  #close (): void {
    if (this.#closed) return
    this.#closed = true
    this.#signal.removeEventListener('abort', this.#onAbort)
    this.#log.waiting.delete(this)
    const waiting = this.#waiting
    this.#waiting = undefined
    waiting?.(DONE)
  }
}
