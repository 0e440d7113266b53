// One blocking Redis connection per instance that reads every Redis Stream its clients follow
// (resumes of replies running on other instances): one XREAD over all of them, rather than a
// connection per resume. A follower that joins while the read blocks wakes it (CLIENT UNBLOCK),
// so it waits for no one else's timeout.
import type { Redis } from 'ioredis'

export type StreamEntry = [id: string, fields: string[]]

const BLOCK_MS = 1000
const COUNT = 100

/** Stream ids are `<ms>-<seq>`: compared as numbers, not as text. */
function compareIds (a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number)
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number)
  return aMs - bMs || aSeq - bSeq
}

class Follower {
  readonly key: string
  cursor: string
  #batches: StreamEntry[][] = []
  #failure: unknown
  #closed = false
  #wake: (() => void) | undefined
  readonly #onClose: (follower: Follower) => void

  constructor (key: string, cursor: string, onClose: (follower: Follower) => void) {
    this.key = key
    this.cursor = cursor
    this.#onClose = onClose
  }

  deliver (entries: StreamEntry[]): void {
    const fresh = entries.filter(([id]) => compareIds(id, this.cursor) > 0)
    if (fresh.length === 0) return
    this.cursor = (fresh.at(-1) as StreamEntry)[0]
    this.#batches.push(fresh)
    this.#wake?.()
  }

  fail (error: unknown): void {
    this.#failure = error
    this.#wake?.()
  }

  /** The next entries after the cursor; undefined once closed or after `timeoutMs` without any. */
  async next (timeoutMs: number): Promise<StreamEntry[] | undefined> {
    if (this.#batches.length === 0 && this.#failure === undefined && !this.#closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(timeoutMs, 0))
        this.#wake = () => { clearTimeout(timer); resolve() }
      })
      this.#wake = undefined
    }
    if (this.#failure !== undefined) throw this.#failure
    return this.#batches.shift()
  }

  close (): void {
    if (this.#closed) return
    this.#closed = true
    this.#wake?.()
    this.#onClose(this)
  }
}

export type StreamFollower = Pick<Follower, 'next' | 'close'>

export class RedisStreamReader {
  readonly #redis: Redis
  #reader: Redis | undefined
  #readerId: number | undefined
  readonly #followers = new Set<Follower>()
  #running = false
  #blocked = false
  #closed = false

  constructor (redis: Redis) {
    this.#redis = redis
  }

  /** Follows the stream at `key` from after the entry `cursor` ('0' for its start). */
  follow (key: string, cursor: string): StreamFollower {
    const follower = new Follower(key, cursor, (gone) => { this.#followers.delete(gone) })
    this.#followers.add(follower)
    if (this.#blocked && this.#readerId !== undefined) {
      // Best effort: at worst it waits for the current read's timeout.
      this.#redis.client('UNBLOCK', this.#readerId).catch(() => {})
    }
    if (!this.#running) void this.#run()
    return follower
  }

  #connection (): Redis {
    if (this.#reader === undefined) {
      const reader = this.#redis.duplicate({ enableOfflineQueue: true })
      reader.on('error', () => {}) // the main connection reports outages; a failed read fails its followers
      reader.on('ready', () => {
        this.#readerId = undefined
        reader.client('ID').then((id) => { this.#readerId = id as number }, () => {})
      })
      this.#reader = reader
    }
    return this.#reader
  }

  async #run (): Promise<void> {
    this.#running = true
    const reader = this.#connection()
    try {
      while (this.#followers.size > 0 && !this.#closed) {
        // Each stream from the earliest cursor of its followers; each follower takes what is newer than its own.
        const cursors = new Map<string, string>()
        for (const { key, cursor } of this.#followers) {
          const earliest = cursors.get(key)
          if (earliest === undefined || compareIds(cursor, earliest) < 0) cursors.set(key, cursor)
        }
        const followers = [...this.#followers]
        let read: Array<[string, StreamEntry[]]> | null
        this.#blocked = true
        try {
          read = await reader.xread('COUNT', COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...cursors.keys(), ...cursors.values()) as Array<[string, StreamEntry[]]> | null
        } catch (error) {
          for (const follower of followers) follower.fail(error)
          for (const follower of followers) this.#followers.delete(follower)
          continue
        } finally {
          this.#blocked = false
        }
        for (const [key, entries] of read ?? []) {
          for (const follower of this.#followers) if (follower.key === key) follower.deliver(entries)
        }
      }
    } finally {
      this.#running = false
    }
  }

  close (): void {
    this.#closed = true
    for (const follower of this.#followers) follower.close()
    this.#reader?.disconnect()
  }
}
