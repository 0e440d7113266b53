// The `memory` store: for tests and trying things out; everything is lost on restart.
import { LocalReplyLocks } from './reply-locks.ts'
import type { SessionKey, SessionStore, StoredMessage } from './types.ts'

export function createMemoryStore (): SessionStore {
  const sessions = new Map<string, StoredMessage[]>()
  const locks = new LocalReplyLocks()
  const id = (key: SessionKey): string => JSON.stringify([key.userId, key.sessionId])

  return {
    async appendMessage (key, message) {
      const messages = sessions.get(id(key)) ?? []
      messages.push({ ...message })
      sessions.set(id(key), messages)
    },
    async listMessages (key, options = {}) {
      const messages = sessions.get(id(key)) ?? []
      const newest = options.limit === undefined ? messages : messages.slice(-options.limit)
      return newest.map(message => ({ ...message }))
    },
    async deleteSession (key) {
      sessions.delete(id(key))
    },
    async tryLockReply (key) {
      return locks.tryLock(key)
    },
    async unlockReply (key) {
      locks.unlock(key)
    },
    async ping () {},
    async close () {
      sessions.clear()
    }
  }
}
