// What each notice says. Plain words; each says the service is an AI, never what it is not allowed to claim to be.
import { AI_DISCLOSURE } from '../safety/messages.ts'
import type { NoticeKind } from '../vocabulary.ts'

export type { NoticeKind }

export const NOTICE_TEXTS: Record<NoticeKind, string> = {
  ai_disclosure: AI_DISCLOSURE,
  minor_suitability: 'This service may not be suitable for some minors. It is an AI, not a person. If something here ' +
    'worries or upsets you, please talk with a parent, a carer or another adult you trust.',
  break_reminder: 'You have been chatting for a while: this is a good moment to take a break. Step away, stretch, drink ' +
    'some water or talk with someone you trust. Remember that you are talking with an AI, not a person.'
}
