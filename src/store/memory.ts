// The `memory` store: for tests and trying things out; everything is lost on restart.
import { LocalReplyLocks } from './reply-locks.ts'
import type { HandoffEntry, ProtocolFiringCount, SafetyFlag, SessionKey, SessionStore, StoredMessage } from './types.ts'

export function createMemoryStore (): SessionStore {
  const sessions = new Map<string, StoredMessage[]>()
  const flags = new Map<string, SafetyFlag[]>()
  const notices = new Map<string, Record<string, string>>()
  const meta = new Map<string, string>()
  const dataKeys = new Map<string, { key: SessionKey, wrapped: string }>()
  const firings = new Map<string, ProtocolFiringCount>()
  const outbox = new Map<string, HandoffEntry & { claim: string }>()
  const locks = new LocalReplyLocks()
  const id = (key: SessionKey): string => JSON.stringify([key.userId, key.sessionId])

  return {
    async appendMessage (key, message) {
      const messages = sessions.get(id(key)) ?? []
      messages.push({ ...message })
      sessions.set(id(key), messages)
    },
    async updateMessage (key, message) {
      const stored = sessions.get(id(key))?.find(candidate => candidate.id === message.id)
      if (stored !== undefined) Object.assign(stored, { content: message.content, status: message.status })
    },
    async listMessages (key, options = {}) {
      const messages = sessions.get(id(key)) ?? []
      const newest = options.limit === undefined ? messages : messages.slice(-options.limit)
      return newest.map(message => ({ ...message }))
    },
    async deleteSession (key) {
      sessions.delete(id(key))
      flags.delete(id(key))
      notices.delete(id(key))
      dataKeys.delete(id(key))
    },
    async recordSafetyFlag (key, flag) {
      flags.set(id(key), [...(flags.get(id(key)) ?? []), { ...flag }])
    },
    async listSafetyFlags (key) {
      return (flags.get(id(key)) ?? []).map(flag => ({ ...flag }))
    },
    async getNoticeMarks (key) {
      return { ...notices.get(id(key)) }
    },
    async setNoticeMark (key, kind, at) {
      notices.set(id(key), { ...notices.get(id(key)), [kind]: at })
    },
    async recordProtocolFiring (firing) {
      const name = JSON.stringify([firing.day, firing.level, firing.category, firing.profiles, firing.protocolVersion])
      firings.set(name, { ...firing, profiles: [...firing.profiles], count: (firings.get(name)?.count ?? 0) + 1 })
    },
    async listProtocolFirings (fromDay, toDay) {
      return [...firings.values()].filter(row => row.day >= fromDay && row.day <= toDay).map(row => ({ ...row, profiles: [...row.profiles] }))
    },
    async enqueueHandoff (entry) {
      if (!outbox.has(entry.id)) outbox.set(entry.id, { ...entry, claim: '' })
    },
    async claimHandoffs (now, leaseMs, limit, claim) {
      const due = [...outbox.values()].filter(entry => entry.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt).slice(0, limit)
      return due.map((entry) => {
        Object.assign(entry, { dueAt: now + leaseMs, claim })
        return { id: entry.id, body: entry.body, attempts: entry.attempts, dueAt: entry.dueAt }
      })
    },
    async rescheduleHandoff (id, claim, attempts, dueAt) {
      const entry = outbox.get(id)
      if (entry?.claim === claim) Object.assign(entry, { attempts, dueAt, claim: '' })
    },
    async removeHandoff (id, claim) {
      if (outbox.get(id)?.claim === claim) outbox.delete(id)
    },
    async tryLockReply (key, replyId) {
      return locks.tryLock(key, replyId)
    },
    async refreshReplyLock () {},
    async getReplyLock (key) {
      return locks.holder(key)
    },
    async unlockReply (key, replyId) {
      locks.unlock(key, replyId)
    },
    async purgeIdleSessions (before) {
      let purged = 0
      for (const [session, messages] of sessions) {
        if ((messages.at(-1)?.createdAt ?? '') < before) {
          sessions.delete(session)
          flags.delete(session)
          notices.delete(session)
          dataKeys.delete(session)
          purged++
        }
      }
      return purged
    },
    async listSessions () {
      return [...sessions.keys()].map((session) => {
        const [userId, sessionId] = JSON.parse(session) as [string, string]
        return { userId, sessionId }
      })
    },
    async getDataKey (key) {
      return dataKeys.get(id(key))?.wrapped
    },
    async addDataKey (key, wrapped) {
      if (!dataKeys.has(id(key))) dataKeys.set(id(key), { key: { ...key }, wrapped })
      return (dataKeys.get(id(key)) as { wrapped: string }).wrapped
    },
    async listDataKeys () {
      return [...dataKeys.values()].map(({ key, wrapped }) => ({ key: { ...key }, wrapped }))
    },
    async replaceDataKey (key, wrapped) {
      const entry = dataKeys.get(id(key))
      if (entry !== undefined) entry.wrapped = wrapped
    },
    async getMeta (name) {
      return meta.get(name)
    },
    async setMeta (name, value) {
      meta.set(name, value)
    },
    async ping () {},
    async close () {
      sessions.clear()
      flags.clear()
      notices.clear()
      dataKeys.clear()
      outbox.clear()
    }
  }
}
