// One-reply-per-session locks held in this process: enough for the single-instance stores.
import type { SessionKey } from './types.ts'

export class LocalReplyLocks {
  readonly #held = new Set<string>()

  tryLock (key: SessionKey): boolean {
    const id = lockId(key)
    if (this.#held.has(id)) return false
    this.#held.add(id)
    return true
  }

  unlock (key: SessionKey): void {
    this.#held.delete(lockId(key))
  }
}

function lockId (key: SessionKey): string {
  // JSON keeps the pair unambiguous whatever characters the ids hold.
  return JSON.stringify([key.userId, key.sessionId])
}
