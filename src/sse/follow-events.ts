// A reply's events as SSE messages for one client, each event its own block, with `: ping`
// comments (each a block of its own) from a shared ticker.
// An iterator written out rather than an async generator racing a timer per stream: with
// thousands of open streams, the race, the timer and the generator per token were a large share
// of the server's CPU (bench/PROFILE.md). fastify-sse-v2 crashes the process on an error thrown
// here, so `next()` never rejects.
import type { ReplyEvent } from '../reply-bus/types.ts'
import type { PingTarget } from './keep-alive.ts'

export interface SseMessage {
  id?: string
  data?: string
  comment?: string
}

/** How a batch of a reply's events is written to one client: one SSE message. */
export type SseFormat = (events: ReplyEvent[]) => SseMessage

const PING: IteratorResult<SseMessage, undefined> = { value: { comment: ' ping' }, done: false }
const DONE: IteratorResult<SseMessage, undefined> = { value: undefined, done: true }

/**
 * Several events ready at once, as one message that fastify-sse-v2 writes as one string: all but
 * the last event ride in the `id` field, which it writes as it is (`id: <value>\n`), so that each
 * event is still its own block of `id:` and `data:` lines, with no comment line beside it. Safe
 * because every field is ours: ids are `<uuid>:<n>`, data is JSON (no raw newlines).
 */
function toMessage (replyId: string, events: ReplyEvent[]): SseMessage {
  const last = events[events.length - 1] as ReplyEvent
  let id = ''
  for (let i = 0; i < events.length - 1; i++) {
    const event = events[i] as ReplyEvent
    id += `${replyId}:${event.seq}\ndata: ${event.data}\n\nid: `
  }
  return { id: `${id}${replyId}:${last.seq}`, data: last.data }
}

/** The service's own format: each event's JSON as it is, with its `<replyId>:<seq>` id. */
export function chatEventFormat (replyId: string): SseFormat {
  return (events) => toMessage(replyId, events)
}

export class SseMessages implements AsyncIterableIterator<SseMessage, undefined>, PingTarget {
  readonly #format: SseFormat
  readonly #source: AsyncIterator<ReplyEvent[]>
  /** The source's next batch, asked for and not yet arrived. */
  #reading = false
  /** A message that arrived while nobody was waiting for one. */
  #ready: IteratorResult<SseMessage, undefined> | undefined
  #pingDue = false
  /** The consumer's `next()`, waiting. */
  #waiting: ((result: IteratorResult<SseMessage, undefined>) => void) | undefined
  #ended = false
  readonly #beforeLast: (() => void) | undefined

  /**
   * @param beforeLast called just before the message with the reply's last event is handed on
   * @param format how the events are written (the service's own events unless told)
   */
  constructor (replyId: string, batches: AsyncIterable<ReplyEvent[]>, beforeLast?: () => void, format: SseFormat = chatEventFormat(replyId)) {
    this.#format = format
    this.#source = batches[Symbol.asyncIterator]()
    this.#beforeLast = beforeLast
  }

  [Symbol.asyncIterator] (): this {
    return this
  }

  next (): Promise<IteratorResult<SseMessage, undefined>> {
    const ready = this.#ready
    if (ready !== undefined) {
      this.#ready = undefined
      return Promise.resolve(ready)
    }
    if (this.#ended) return Promise.resolve(DONE)
    if (this.#pingDue) {
      this.#pingDue = false
      return Promise.resolve(PING)
    }
    return new Promise(resolve => {
      this.#waiting = resolve
      if (!this.#reading) this.#read()
    })
  }

  return (): Promise<IteratorResult<SseMessage, undefined>> {
    this.#ended = true
    this.#ready = undefined
    this.#deliver(DONE)
    // Not awaited: a source stuck in a read must not hold the client's stream open.
    this.#source.return?.()?.catch(() => {})
    return Promise.resolve(DONE)
  }

  /** From the ticker: a ping now if the client is waiting, else before the next wait. */
  ping (): void {
    if (this.#waiting !== undefined) this.#deliver(PING)
    else this.#pingDue = true
  }

  #read (): void {
    this.#reading = true
    this.#source.next().then(this.#onBatch, this.#onSourceFailed)
  }

  // Bound once, not a pair of closures per read (one per token).
  readonly #onBatch = (step: IteratorResult<ReplyEvent[]>): void => {
    this.#reading = false
    if (this.#ended) return
    if (step.done === true) {
      this.#ended = true
      this.#deliver(DONE)
      return
    }
    if (step.value.at(-1)?.terminal === true) {
      this.#ended = true
      this.#beforeLast?.()
    }
    this.#deliver({ value: this.#format(step.value), done: false })
  }

  /** The event source failed (Redis gone mid-resume): end this client's stream; it may resume again. */
  readonly #onSourceFailed = (): void => {
    this.#reading = false
    this.#ended = true
    this.#deliver(DONE)
  }

  #deliver (result: IteratorResult<SseMessage, undefined>): void {
    const waiting = this.#waiting
    this.#waiting = undefined
    if (waiting !== undefined) waiting(result)
    else if (!result.done) this.#ready = result
  }
}
