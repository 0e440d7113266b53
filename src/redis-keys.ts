// Key names in Redis, for the store and the reply bus alike. Ids are URI-encoded so that a ':' inside one cannot blur two sessions together.
import type { SessionKey } from './vocabulary.ts'

const PREFIX = 'tb:'

function session (key: SessionKey): string {
  return `${encodeURIComponent(key.userId)}:${encodeURIComponent(key.sessionId)}`
}

const DATA_KEY = `${PREFIX}dek:`
const MESSAGES = `${PREFIX}msgs:`

/** The session a key's name ends with, after `prefix`. */
function sessionAfter (prefix: string, name: string): SessionKey {
  const [userId = '', sessionId = ''] = name.slice(prefix.length).split(':').map(decodeURIComponent)
  return { userId, sessionId }
}

export const redisKeys = {
  messages: (key: SessionKey) => `${MESSAGES}${session(key)}`,
  /** Every session's messages, for SCAN. */
  messagesPattern: `${MESSAGES}*`,
  /** The session a messages key's name belongs to. */
  sessionOfMessages: (name: string): SessionKey => sessionAfter(MESSAGES, name),
  flags: (key: SessionKey) => `${PREFIX}flags:${session(key)}`,
  notices: (key: SessionKey) => `${PREFIX}notices:${session(key)}`,
  /** The single disclosure time kept before notices had kinds: erased with the session. */
  legacyNotice: (key: SessionKey) => `${PREFIX}notice:${session(key)}`,
  lock: (key: SessionKey) => `${PREFIX}lock:${session(key)}`,
  latestReply: (key: SessionKey) => `${PREFIX}latest:${session(key)}`,
  request: (key: SessionKey, idempotencyKey: string) => `${PREFIX}request:${session(key)}:${encodeURIComponent(idempotencyKey)}`,
  replyEvents: (replyId: string) => `${PREFIX}events:${replyId}`,
  /** The key a reply's events in Redis are sealed with (encryption at rest), wrapped by the master key. */
  replyEventsKey: (replyId: string) => `${PREFIX}events-key:${replyId}`,
  listeners: (replyId: string) => `${PREFIX}listen:${replyId}`,
  dataKey: (key: SessionKey) => `${DATA_KEY}${session(key)}`,
  /** Every session's data key, for SCAN. */
  dataKeyPattern: `${DATA_KEY}*`,
  /** The session a data key's name belongs to. */
  sessionOfDataKey: (name: string): SessionKey => sessionAfter(DATA_KEY, name),
  meta: (name: string) => `${PREFIX}meta:${name}`,
  /** A day's protocol firings: a hash of counts by [level, category, profiles, version]. */
  firings: (day: string) => `${PREFIX}firings:${day}`,
  /** The hand-off outbox: due times (a sorted set), bodies, attempt counts and claims (hashes by event id). */
  handoff: {
    due: `${PREFIX}handoff:due`,
    body: `${PREFIX}handoff:body`,
    attempts: `${PREFIX}handoff:attempts`,
    claim: `${PREFIX}handoff:claim`
  },
  stopChannel: `${PREFIX}stop`
}
