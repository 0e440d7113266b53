// The session store interface: what the service keeps of each conversation.
import { ServiceError } from '../errors.ts'
import type { FlaggedRiskLevel, MessageStatus, RiskCategory, Role, SessionKey } from '../vocabulary.ts'

export type { MessageStatus, Role, SessionKey }

export interface StoredMessage {
  id: string
  role: Role
  content: string
  /** ISO 8601 time the message was stored. */
  createdAt: string
  status: MessageStatus
}

/** A risk the safety screen found in a user message: never the text itself. */
export interface SafetyFlag {
  level: FlaggedRiskLevel
  category: RiskCategory
  /** The names of the screen's signals that fired ("self_harm.plan"), strongest first. */
  signals: string[]
  createdAt: string
}

/** One firing of the crisis protocol in the record kept for referral reports: nothing links it to a user or session. */
export interface ProtocolFiring {
  /** The UTC day, YYYY-MM-DD. */
  day: string
  level: SafetyFlag['level']
  category: SafetyFlag['category']
  /** The compliance profiles active when it fired. */
  profiles: string[]
  protocolVersion: string
}

export interface ProtocolFiringCount extends ProtocolFiring {
  count: number
}

/** A crisis hand-off waiting in the outbox for the operator's webhook: no raw user or session id in it. */
export interface HandoffEntry {
  /** The event's id, sent as `webhook-id` on every attempt. */
  id: string
  /** The JSON body, sent as it is on every attempt. */
  body: string
  /** Attempts made so far. */
  attempts: number
  /** When it may next be claimed (ms since the epoch): its next attempt, or the end of a claim's lease. */
  dueAt: number
}


export interface SessionStore {
  appendMessage (key: SessionKey, message: StoredMessage): Promise<void>
  /** Sets the content and status of a stored message (a reply checkpointed while it streams). */
  updateMessage (key: SessionKey, message: StoredMessage): Promise<void>
  /** Oldest first; with `limit`, only the newest `limit` messages. */
  listMessages (key: SessionKey, options?: { limit?: number }): Promise<StoredMessage[]>
  /** Erases the session: messages, safety flags, notice times and data key. */
  deleteSession (key: SessionKey): Promise<void>
  recordSafetyFlag (key: SessionKey, flag: SafetyFlag): Promise<void>
  listSafetyFlags (key: SessionKey): Promise<SafetyFlag[]>
  /** When each kind of notice was last shown in this session (ISO 8601), by kind ("ai_disclosure"...). */
  getNoticeMarks (key: SessionKey): Promise<Record<string, string>>
  setNoticeMark (key: SessionKey, kind: string, at: string): Promise<void>
  /** Counts a firing in the de-identified record; never erased with a session, never decremented. */
  recordProtocolFiring (firing: ProtocolFiring): Promise<void>
  /** The record's counts for the days from `fromDay` to `toDay`, both included (YYYY-MM-DD). */
  listProtocolFirings (fromDay: string, toDay: string): Promise<ProtocolFiringCount[]>
  /** Adds a hand-off to the outbox, due at its `dueAt`. */
  enqueueHandoff (entry: HandoffEntry): Promise<void>
  /**
   * Claims up to `limit` hand-offs due at `now` for `claim`, each until `now + leaseMs`: an entry is
   * never held by two claims at once, and one whose holder died is due again when its lease ends.
   */
  claimHandoffs (now: number, leaseMs: number, limit: number, claim: string): Promise<HandoffEntry[]>
  /** Sets a claimed hand-off's attempts and next due time, and frees it, if `claim` still holds it. */
  rescheduleHandoff (id: string, claim: string, attempts: number, dueAt: number): Promise<void>
  /** Takes a hand-off out of the outbox (delivered or given up), if `claim` still holds it. */
  removeHandoff (id: string, claim: string): Promise<void>
  /** Claims the right to stream the session's next reply for `replyId`; false when another reply holds it. */
  tryLockReply (key: SessionKey, replyId: string): Promise<boolean>
  /** Keeps a long reply's lock from expiring (stores whose locks expire). */
  refreshReplyLock (key: SessionKey, replyId: string): Promise<void>
  /** The id of the reply now holding the session, if any. */
  getReplyLock (key: SessionKey): Promise<string | undefined>
  /** Frees the session, if `replyId` still holds it. */
  unlockReply (key: SessionKey, replyId: string): Promise<void>
  /** Erases every session whose newest message is older than `before` (ISO 8601); returns how many. */
  purgeIdleSessions (before: string): Promise<number>
  /** The session's data key, wrapped by a master key (encryption at rest), if it has one. */
  getDataKey (key: SessionKey): Promise<string | undefined>
  /** Keeps `wrapped` as the session's data key unless it has one already; returns the one kept. */
  addDataKey (key: SessionKey, wrapped: string): Promise<string>
  /** Every session that holds messages (to re-seal what an earlier version sealed). */
  listSessions (): Promise<SessionKey[]>
  /** Every session's wrapped data key (to re-wrap them under a new master key). */
  listDataKeys (): Promise<Array<{ key: SessionKey, wrapped: string }>>
  /** Replaces the session's wrapped data key, if it still has one (an erased session stays erased). */
  replaceDataKey (key: SessionKey, wrapped: string): Promise<void>
  /** Small named values the service keeps about the store itself (the encryption check). */
  getMeta (name: string): Promise<string | undefined>
  setMeta (name: string, value: string): Promise<void>
  /** Resolves when the store answers; rejects otherwise (readiness). */
  ping (): Promise<void>
  close (): Promise<void>
}

/** The store could not be reached or failed: the request should be answered 503. */
export class StoreUnavailableError extends ServiceError {
  constructor (cause: unknown) {
    super('STORE_UNAVAILABLE', 'The session store is unavailable', { cause })
  }
}
