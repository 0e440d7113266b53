// Which notices a message is due, from the combined duties and what the session has shown so far.
import type { Duties } from './duties.ts'
import type { NoticeKind } from './notice-texts.ts'

/** When each notice was last shown in the session, and when the session began (ISO 8601). */
export type NoticeMarks = Partial<Record<NoticeKind | 'session_start', string>>

export interface NoticeMoment {
  now: Date
  marks: NoticeMarks
  /** When the session was last used before this message (its previous message), if ever. */
  previousActivityAt?: string
  minor: boolean
  message: string
}

const DAY_MS = 24 * 60 * 60 * 1000

// "Are you a bot?", "am I talking to a real person", "is this an AI": asking is a moment to disclose.
const ASKS_WHAT_IT_IS = new RegExp([
  String.raw`\b(are|r) (you|u) (a |an |really |actually )*(real|human|person|bot|robot|ai|a\.i\.|machine|computer|program)\b`,
  String.raw`\b(talking|speaking|chatting|writing) (to|with) (a |an )?(real )?(human|person|bot|robot|ai|machine|computer)\b`,
  String.raw`\bis (this|it) (a |an )?(real )?(person|human|bot|robot|ai|machine)\b`,
  String.raw`\b(is|are) (this|you) (an? )?(ai|artificial intelligence|chatbot)\b`
].join('|'), 'i')

function olderThan (at: string | undefined, ms: number | undefined, now: Date): boolean {
  return ms !== undefined && at !== undefined && now.getTime() - Date.parse(at) >= ms
}

/** The notices due now, in the order they are shown. */
export function dueNotices (duties: Duties, moment: NoticeMoment): NoticeKind[] {
  const { now, marks, minor } = moment
  const due: NoticeKind[] = []
  const starting = marks.session_start === undefined
  const lastDisclosure = marks.ai_disclosure
  const interval = minor ? duties.minors.disclosureIntervalMs : duties.disclosure.intervalMs
  const disclose =
    (starting && duties.disclosure.atSessionStart) ||
    // A minor is always told at the start, whatever the profiles say of adults.
    (starting && minor && (duties.minors.suitabilityNotice || duties.minors.disclosureIntervalMs !== undefined)) ||
    olderThan(lastDisclosure ?? marks.session_start, interval, now) ||
    (duties.disclosure.idleDays !== undefined && olderThan(moment.previousActivityAt, duties.disclosure.idleDays * DAY_MS, now)) ||
    (duties.disclosure.onRequest && ASKS_WHAT_IT_IS.test(moment.message))
  if (disclose) due.push('ai_disclosure')
  if (minor && duties.minors.suitabilityNotice && marks.minor_suitability === undefined) due.push('minor_suitability')
  if (minor && olderThan(marks.break_reminder ?? marks.session_start, duties.minors.breakReminderIntervalMs, now)) due.push('break_reminder')
  return due
}
