// The body of a crisis hand-off: what the operator's people need to act on a flag, and nothing that
// names the user or repeats what they wrote. Users and sessions appear as pseudonyms: an HMAC of
// their ids keyed with the webhook secret, the same for a user in every event.
import { createHmac, randomUUID } from 'node:crypto'
import { SCREEN_VERSION } from '../safety/screen.ts'
import type { CrisisResource } from '../safety/resources.ts'
import type { SafetyFlag, SessionKey } from '../store/types.ts'

export const HANDOFF_EVENT_TYPE = 'crisis.detected'

export interface CrisisEvent {
  /** Also the `webhook-id` header. */
  id: string
  type: typeof HANDOFF_EVENT_TYPE
  /** When the flag was recorded (ISO 8601). */
  timestamp: string
  data: {
    session: string
    user: string
    level: SafetyFlag['level']
    category: SafetyFlag['category']
    signals: string[]
    screenVersion: string
    /** The compliance profiles active when it fired. */
    profiles: string[]
    /** The crisis resources the user was shown with the flag. */
    resources: Array<Omit<CrisisResource, 'categories'>>
  }
}

/** The key the pseudonyms are made with: the secret's bytes, as the package signing with it reads them. */
export function pseudonymKey (secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
}

function pseudonym (key: Buffer, parts: string[]): string {
  // JSON keeps the parts apart whatever characters the ids hold.
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('base64url')
}

export interface CrisisEventInput {
  session: SessionKey
  flag: SafetyFlag
  profiles: string[]
  resources: CrisisEvent['data']['resources']
}

export function crisisEvent (key: Buffer, { session, flag, profiles, resources }: CrisisEventInput): CrisisEvent {
  return {
    id: `msg_${randomUUID()}`,
    type: HANDOFF_EVENT_TYPE,
    timestamp: flag.createdAt,
    data: {
      session: pseudonym(key, ['session', session.userId, session.sessionId]),
      user: pseudonym(key, ['user', session.userId]),
      level: flag.level,
      category: flag.category,
      signals: [...flag.signals],
      screenVersion: SCREEN_VERSION,
      profiles: [...profiles],
      resources
    }
  }
}
