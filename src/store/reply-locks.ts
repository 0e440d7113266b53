// One-reply-per-session locks held in this process: enough for the single-instance stores.
import type { SessionKey } from './types.ts'

export class LocalReplyLocks {
  readonly #held = new Map<string, string>()

  tryLock (key: SessionKey, replyId: string): boolean {
    const id = lockId(key)
    if (this.#held.has(id)) return false
    this.#held.set(id, replyId)
    return true
  }

  holder (key: SessionKey): string | undefined {
    return this.#held.get(lockId(key))
  }

  unlock (key: SessionKey, replyId: string): void {
    if (this.#held.get(lockId(key)) === replyId) this.#held.delete(lockId(key))
  }
}

function lockId (key: SessionKey): string {
  // JSON keeps the pair unambiguous whatever characters the ids hold.
  return JSON.stringify([key.userId, key.sessionId])
}
