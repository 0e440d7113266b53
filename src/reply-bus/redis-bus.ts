// The Redis reply bus: each reply's events go to a Redis Stream (bounded, expiring after the reply
// ends) so a client can resume on any instance; stop requests travel by pub/sub. Clients of the
// instance that runs a reply read it from memory, so the hot path never waits on Redis.
import type { Redis } from 'ioredis'
import { redisKeys } from '../redis-keys.ts'
import { StoreUnavailableError, type SessionKey } from '../store/types.ts'
import { LocalReplyBus } from './local-bus.ts'
import { RedisStreamReader, type StreamEntry } from './redis-stream-reader.ts'
import { ERASED_EVENT } from '../vocabulary.ts'
import { ReplyNotFoundError } from '../errors.ts'
import type { ReplyEventSealer } from './sealed-events.ts'
import type { ReplyBus, ReplyEvent, ReplyRequest, ReplyStatus, StopRequest } from './types.ts'

export interface RedisReplyBusOptions {
  retainMs: number
  /** Longest a reply may run; its stream expires after this even if its instance died. */
  maxReplyMs: number
  onError: (error: unknown) => void
  /** With encryption at rest: the events in Redis are sealed, each reply with its own key. */
  sealer?: ReplyEventSealer
}

const MAX_EVENTS = 10000
const LISTENER_TTL_MS = 5000
const FOLLOW_IDLE_LIMIT_MS = 120000
/** A message on the stop channel that erases rather than stops. */
const ERASE_PREFIX = 'erase:'

/** A failed Redis call is the store being away: the route answers 503, not 500. */
async function unavailable<T> (call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    throw new StoreUnavailableError(error)
  }
}

/** An entry's event, its data as stored (sealed or not). */
function toEvent ([, fields]: StreamEntry): ReplyEvent {
  const value = (name: string): string => fields[fields.indexOf(name) + 1] as string
  return { seq: Number(value('seq')), data: value('data'), terminal: value('terminal') === '1' }
}

type Decoder = (entry: StreamEntry) => ReplyEvent

export class RedisReplyBus implements ReplyBus {
  readonly #redis: Redis
  readonly #local: LocalReplyBus
  readonly #options: RedisReplyBusOptions
  readonly #stopHandlers: Array<(replyId: string, cause: StopRequest) => void> = []
  #subscriber: Redis | undefined
  /** Reads, for every client here, the replies running elsewhere: one connection for all. */
  readonly #reader: RedisStreamReader
  /** The readers here of replies running elsewhere, by reply: an erasure ends them. */
  readonly #following = new Map<string, Set<() => void>>()
  /** Replies erased here or elsewhere: their events are no longer copied to Redis. */
  readonly #erased = new Set<string>()
  /** Events published this turn, by reply, not yet copied to Redis. */
  readonly #outbox = new Map<string, ReplyEvent[]>()
  /** The keys of the replies opened here that seal their events, until their end is written. */
  readonly #eventKeys = new Map<string, Buffer>()

  constructor (redis: Redis, options: RedisReplyBusOptions) {
    this.#redis = redis
    this.#options = options
    this.#local = new LocalReplyBus(options.retainMs)
    this.#reader = new RedisStreamReader(redis)
  }

  async open (key: SessionKey, replyId: string, request?: ReplyRequest): Promise<void> {
    // Redis first: when it fails, no log is left in memory that nothing would ever end.
    if (!this.#erased.has(replyId)) {
      const ttl = this.#options.maxReplyMs + this.#options.retainMs
      const sealing = this.#options.sealer?.newKey(replyId)
      if (request === undefined && sealing === undefined) {
        await unavailable(this.#redis.set(redisKeys.latestReply(key), replyId, 'PX', ttl))
      } else {
        const transaction = this.#redis.multi().set(redisKeys.latestReply(key), replyId, 'PX', ttl)
        if (request !== undefined) transaction.set(redisKeys.request(key, request.idempotencyKey), JSON.stringify({ replyId, fingerprint: request.fingerprint }), 'PX', ttl)
        if (sealing !== undefined) transaction.set(redisKeys.replyEventsKey(replyId), sealing.wrapped, 'PX', ttl)
        await unavailable(transaction.exec())
      }
      if (sealing !== undefined) this.#eventKeys.set(replyId, sealing.key)
    }
    await this.#local.open(key, replyId, request)
  }

  async findRequest (key: SessionKey, idempotencyKey: string): Promise<{ replyId: string, fingerprint: string } | undefined> {
    const found = await unavailable(this.#redis.get(redisKeys.request(key, idempotencyKey)))
    return found === null ? undefined : JSON.parse(found)
  }

  publish (replyId: string, event: ReplyEvent): void {
    this.#local.publish(replyId, event)
    if (this.#erased.has(replyId)) return
    // Copied to Redis once per event-loop turn, all replies' events in one transaction: one write
    // per event made the Redis socket the bottleneck (bench/PROFILE.md).
    if (this.#outbox.size === 0) setImmediate(() => { this.#flush() })
    const waiting = this.#outbox.get(replyId)
    if (waiting === undefined) this.#outbox.set(replyId, [event])
    else waiting.push(event)
  }

  #flush (): void {
    if (this.#outbox.size === 0) return
    const { sealer } = this.#options
    const transaction = this.#redis.multi()
    for (const [replyId, events] of this.#outbox) {
      const eventKey = this.#eventKeys.get(replyId)
      // Sealing is on but the reply has no key (its open failed): nothing is written in the clear.
      if (sealer !== undefined && eventKey === undefined) continue
      const key = redisKeys.replyEvents(replyId)
      for (const event of events) {
        const data = eventKey === undefined ? event.data : (sealer as ReplyEventSealer).seal(eventKey, replyId, event.seq, event.data)
        transaction.xadd(key, 'MAXLEN', '~', MAX_EVENTS, '*', 'seq', event.seq, 'data', data, 'terminal', event.terminal ? '1' : '0')
      }
      const ended = events.at(-1)?.terminal === true
      const ttl = ended ? this.#options.retainMs : this.#options.maxReplyMs
      transaction.pexpire(key, ttl)
      if (eventKey !== undefined) transaction.pexpire(redisKeys.replyEventsKey(replyId), ttl)
      if (ended) this.#eventKeys.delete(replyId)
    }
    this.#outbox.clear()
    // Best effort: local clients already have the events; a Redis outage must not end the reply.
    transaction.exec().catch(this.#options.onError)
  }

  async latestReply (key: SessionKey): Promise<string | undefined> {
    return (await unavailable(this.#redis.get(redisKeys.latestReply(key)))) ?? undefined
  }

  async status (replyId: string): Promise<ReplyStatus | undefined> {
    if (this.#local.has(replyId)) return await this.#local.status(replyId)
    const newest = await unavailable(this.#redis.xrevrange(redisKeys.replyEvents(replyId), '+', '-', 'COUNT', 1)) as StreamEntry[]
    if (newest[0] === undefined) return undefined
    // Sealed events whose key is gone or opens with no configured master key cannot be resumed.
    if (this.#options.sealer !== undefined) {
      try {
        await this.#decoder(replyId)
      } catch (error) {
        if (error instanceof ReplyNotFoundError) return undefined
        throw error
      }
    }
    const event = toEvent(newest[0])
    return { ended: event.terminal, lastSeq: event.seq }
  }

  follow (replyId: string, afterSeq: number, signal: AbortSignal): AsyncIterable<ReplyEvent[]> {
    // A reply running here is read from memory, as it is published.
    if (this.#local.has(replyId)) return this.#local.follow(replyId, afterSeq, signal)
    return this.#followElsewhere(replyId, afterSeq, signal)
  }

  /** A reply running on another instance (or ended there): its Redis Stream, then live reads. */
  async * #followElsewhere (replyId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ReplyEvent[]> {
    const key = redisKeys.replyEvents(replyId)
    const decode = await this.#decoder(replyId)
    const entries = await this.#redis.xrange(key, '-', '+') as StreamEntry[]
    const cursor = entries.at(-1)?.[0] ?? '0'
    const missed = entries.map(decode).filter(event => event.seq > afterSeq)
    if (missed.length > 0) yield missed
    if (missed.at(-1)?.terminal === true) return
    // Live, through the instance's one shared reader.
    const reader = this.#reader.follow(key, cursor)
    const stop = (): void => { reader.close() }
    signal.addEventListener('abort', stop, { once: true })
    let erased = false
    let lastSeen = missed.at(-1)?.seq ?? afterSeq
    const onErase = (): void => { erased = true; reader.close() }
    const readers = this.#following.get(replyId) ?? new Set()
    readers.add(onErase)
    this.#following.set(replyId, readers)
    try {
      let idleSince = Date.now()
      while (!signal.aborted && !erased) {
        const entries = await reader.next(FOLLOW_IDLE_LIMIT_MS - (Date.now() - idleSince))
        if (entries === undefined) break // closed, or idle too long
        idleSince = Date.now()
        const batch = entries.map(decode).filter(event => event.seq > afterSeq)
        lastSeen = batch.at(-1)?.seq ?? lastSeen
        if (batch.length > 0) yield batch
        if (batch.at(-1)?.terminal === true) return
      }
    } catch (error) {
      if (!signal.aborted && !erased) throw error
    } finally {
      readers.delete(onErase)
      if (readers.size === 0) this.#following.delete(replyId)
      signal.removeEventListener('abort', stop)
      reader.close()
    }
    if (erased && !signal.aborted) yield [{ seq: lastSeen + 1, data: JSON.stringify(ERASED_EVENT), terminal: true }]
  }

  /** Reads a reply's entries as events: opens them with the reply's key when they are sealed. */
  async #decoder (replyId: string): Promise<Decoder> {
    const { sealer } = this.#options
    if (sealer === undefined) return toEvent
    const wrapped = await unavailable(this.#redis.get(redisKeys.replyEventsKey(replyId)))
    // Its key is gone (expired or erased), or no configured master key opens it: what is left of its
    // events can no longer be read.
    if (wrapped === null) throw new ReplyNotFoundError()
    let eventKey: Buffer
    try {
      eventKey = sealer.unwrap(replyId, wrapped)
    } catch {
      throw new ReplyNotFoundError()
    }
    return (entry) => {
      const event = toEvent(entry)
      return { ...event, data: sealer.open(eventKey, replyId, event.seq, event.data) }
    }
  }

  attach (replyId: string): () => void {
    const detachLocal = this.#local.attach(replyId)
    if (this.#local.has(replyId)) return detachLocal
    // A client on this instance reads a reply running elsewhere: tell that instance by a heartbeat key.
    const key = redisKeys.listeners(replyId)
    const beat = (): void => { this.#redis.set(key, '1', 'PX', LISTENER_TTL_MS).catch(this.#options.onError) }
    beat()
    const timer = setInterval(beat, LISTENER_TTL_MS / 3).unref()
    return () => {
      clearInterval(timer)
      this.#redis.del(key).catch(this.#options.onError)
    }
  }

  async hasListeners (replyId: string): Promise<boolean> {
    if (await this.#local.hasListeners(replyId)) return true
    return (await this.#redis.exists(redisKeys.listeners(replyId)).catch(() => 0)) === 1
  }

  async requestStop (replyId: string): Promise<void> {
    if (this.#local.has(replyId)) {
      for (const handler of this.#stopHandlers) handler(replyId, 'stopped')
      return
    }
    await unavailable(this.#redis.publish(redisKeys.stopChannel, replyId))
  }

  async erase (key: SessionKey, runningReplyId: string | undefined): Promise<void> {
    const latest = await this.latestReply(key)
    const replyIds = [...new Set([runningReplyId, latest, await this.#local.latestReply(key)])].filter(id => id !== undefined)
    await this.#local.erase(key, runningReplyId)
    for (const replyId of replyIds) this.#eraseHere(replyId)
    await unavailable(this.#redis.del(redisKeys.latestReply(key), ...replyIds.flatMap(id => [redisKeys.replyEvents(id), redisKeys.replyEventsKey(id), redisKeys.listeners(id)])))
    // Every instance: the one running the reply stops it; the others end their readers of it.
    for (const replyId of replyIds) await unavailable(this.#redis.publish(redisKeys.stopChannel, `${ERASE_PREFIX}${replyId}`))
  }

  /** This instance's part of an erasure: stop the run, drop its events, end the readers. */
  #eraseHere (replyId: string): void {
    const running = this.#local.has(replyId)
    this.#erased.add(replyId)
    setTimeout(() => this.#erased.delete(replyId), this.#options.maxReplyMs).unref()
    this.#outbox.delete(replyId)
    this.#eventKeys.delete(replyId)
    for (const handler of this.#stopHandlers) handler(replyId, 'erased')
    this.#local.eraseReply(replyId)
    for (const end of this.#following.get(replyId) ?? []) end()
    // A copy written before the erasure reached this instance is removed too.
    if (running) this.#redis.del(redisKeys.replyEvents(replyId), redisKeys.replyEventsKey(replyId)).catch(this.#options.onError)
  }

  onStop (handler: (replyId: string, cause: StopRequest) => void): void {
    this.#stopHandlers.push(handler)
    if (this.#subscriber !== undefined) return
    this.#subscriber = this.#redis.duplicate({ enableOfflineQueue: true })
    this.#subscriber.on('error', () => {}) // it reconnects and resubscribes by itself; the main connection reports outages
    this.#subscriber.on('message', (_channel: string, message: string) => {
      if (message.startsWith(ERASE_PREFIX)) {
        this.#eraseHere(message.slice(ERASE_PREFIX.length))
        return
      }
      for (const stop of this.#stopHandlers) stop(message, 'stopped')
    })
    this.#subscriber.subscribe(redisKeys.stopChannel).catch(this.#options.onError)
  }

  async close (): Promise<void> {
    this.#flush()
    await this.#local.close()
    this.#reader.close()
    this.#subscriber?.disconnect()
  }
}
