// The compliance service: the notices a message is due (recorded on the session, so intervals hold
// across instances and restarts) and the rule added to the model's system prompt.
import type { SafetyFlag, SessionKey, SessionStore, StoredMessage } from '../store/types.ts'
import { PROTOCOL_VERSION } from './crisis-protocol.ts'
import type { Duties } from './duties.ts'
import { dueNotices, type NoticeMarks } from './notice-moments.ts'
import type { NoticeEvent } from '../vocabulary.ts'
import { NOTICE_TEXTS, type NoticeKind } from './notice-texts.ts'
import { selfDescriptionRule } from './self-description.ts'


export interface Compliance {
  duties: Duties
  /** The paragraph for the model's system prompt ('' when none is needed). */
  systemPromptRule: string
  /**
   * The notices this message is due, recorded as shown. Call it after the message is stored:
   * the message before it tells when the session was last used. `newest`, when the caller has
   * just read them, are the session's newest messages (this one last): not read again.
   */
  noticesFor: (key: SessionKey, message: string, minor: boolean, now?: Date, newest?: StoredMessage[]) => Promise<NoticeEvent[]>
  /** Counts a crisis referral shown, in the de-identified record the referral reports read. */
  recordReferral: (level: SafetyFlag['level'], category: SafetyFlag['category'], now?: Date) => Promise<void>
}

export function createCompliance (duties: Duties, store: SessionStore): Compliance {
  return {
    duties,
    systemPromptRule: selfDescriptionRule(duties.forbiddenSelfDescriptions),
    async noticesFor (key, message, minor, now = new Date(), newest) {
      const [marks, latest] = await Promise.all([store.getNoticeMarks(key), newest ?? store.listMessages(key, { limit: 2 })])
      const previousActivityAt = latest.length >= 2 ? latest[latest.length - 2]?.createdAt : undefined
      const due = dueNotices(duties, { now, marks: marks as NoticeMarks, previousActivityAt, minor, message })
      const at = now.toISOString()
      // Asked for together, so that they commit together: the reply waits for one commit, not one each.
      const marked = [...(marks.session_start === undefined ? ['session_start' as const] : []), ...due]
      await Promise.all(marked.map(kind => store.setNoticeMark(key, kind, at)))
      return due.map(kind => ({ notice: { kind, message: NOTICE_TEXTS[kind] } }))
    },
    async recordReferral (level, category, now = new Date()) {
      await store.recordProtocolFiring({ day: now.toISOString().slice(0, 10), level, category, profiles: duties.profiles, protocolVersion: PROTOCOL_VERSION })
    }
  }
}
