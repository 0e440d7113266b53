// Encryption of the reply events copied to Redis (with STORE_ENCRYPTION_KEYS): each reply has its
// own random key, stored beside its events wrapped by the master key ring, so the events in Redis
// (a replica, a dump) hold no readable text, and erasing the reply's key destroys them even where a
// copy of them is left. Each event is bound to its reply and its place in it.
import { randomBytes } from 'node:crypto'
import { open, seal } from '../store/aes-gcm.ts'
import type { KeyRing } from '../store/key-ring.ts'

const keyContext = (replyId: string): string => JSON.stringify(['reply-events-key', replyId])
const eventContext = (replyId: string, seq: number): string => JSON.stringify(['reply-event', replyId, seq])

export class ReplyEventSealer {
  readonly #ring: KeyRing

  constructor (ring: KeyRing) {
    this.#ring = ring
  }

  /** A new reply's key, and the form it is stored in. */
  newKey (replyId: string): { key: Buffer, wrapped: string } {
    const key = randomBytes(32)
    return { key, wrapped: this.#ring.wrap(key, keyContext(replyId)) }
  }

  /** Throws when no master key of the ring wrapped it for this reply. */
  unwrap (replyId: string, wrapped: string): Buffer {
    return this.#ring.unwrap(wrapped, keyContext(replyId))
  }

  seal (key: Buffer, replyId: string, seq: number, data: string): string {
    return seal(key, Buffer.from(data, 'utf8'), eventContext(replyId, seq)).toString('base64')
  }

  /** Throws when the key, the reply, the seq or any byte is not what sealed it. */
  open (key: Buffer, replyId: string, seq: number, sealed: string): string {
    return open(key, Buffer.from(sealed, 'base64'), eventContext(replyId, seq)).toString('utf8')
  }
}
