// The events that open a reply, before any content: the crisis resources when the risk screen
// fires on the user's message, then the notices the compliance profiles make due.
import type { Compliance } from '../compliance/compliance.ts'
import type { CrisisHandoff } from '../handoff/handoff.ts'
import { regionOf } from '../safety/region.ts'
import { resourcesFor, type CrisisResources } from '../safety/resources.ts'
import type { RiskAssessment } from '../safety/screen.ts'
import type { ChatMetrics } from '../telemetry/chat-metrics.ts'
import type { Log } from '../telemetry/log.ts'
import type { SessionKey, SessionStore, StoredMessage } from '../store/types.ts'
import type { StreamOptions } from '../agent/types.ts'
import type { ChatEvent, SafetyEvent } from '../vocabulary.ts'

export interface SafetyCheck {
  screen: (message: string) => RiskAssessment
  resources: CrisisResources
}

export interface OpeningEvents {
  /** In the order they are sent: the safety event first. */
  leading: ChatEvent[]
  /** The safety event, when the protocol fired: re-sent if the reply fails. */
  safetyEvent?: SafetyEvent
  /** What the model is told of the crisis, when the protocol fired. */
  crisis?: StreamOptions['crisis']
}

export interface OpeningEventsOptions {
  store: SessionStore
  safety: SafetyCheck
  compliance: Pick<Compliance, 'noticesFor' | 'recordReferral'>
  /** Hands crisis flags to the operator's people, when configured. */
  handoff?: Pick<CrisisHandoff, 'record'>
  metrics: ChatMetrics
}

/**
 * Screens the message and records what the opening shows (the flag, its hand-off, the referral, the
 * notices). `newest`: the session's newest messages as just read, this one last.
 */
export async function openingEvents (options: OpeningEventsOptions, key: SessionKey, message: string, minor: boolean, log: Log, newest?: StoredMessage[]): Promise<OpeningEvents> {
  const { store, safety, compliance, handoff, metrics } = options
  const now = new Date()
  const leading: ChatEvent[] = []
  const risk = safety.screen(message)
  let flagged: Omit<OpeningEvents, 'leading'> = {}
  if (risk.level !== 'none' && risk.category !== undefined) {
    const { level, category, signals } = risk
    const flag = { level, category, signals, createdAt: now.toISOString() }
    const userTurns = (newest ?? []).filter(stored => stored.role === 'user').map(stored => stored.content)
    const resources = resourcesFor(safety.resources, category, regionOf(userTurns.length > 0 ? userTurns : [message]))
    await store.recordSafetyFlag(key, flag)
    // Into the outbox only: the webhook is called in the background, the reply does not wait for it.
    await handoff?.record(key, flag, resources)
    await compliance.recordReferral(level, category, now)
    metrics.safetyFlags.inc({ level, category })
    // Counted in the logs (level, category and signal names; never the text) so operators see how often the protocol fires.
    log.warn({ safety: { level, category, signals } }, 'crisis protocol triggered')
    const safetyEvent: SafetyEvent = {
      safety: { level, category, message: safety.resources.message, resources }
    }
    leading.push(safetyEvent)
    flagged = { safetyEvent, crisis: { category, level } }
  }
  leading.push(...await compliance.noticesFor(key, message, minor, now, newest))
  return { leading, ...flagged }
}
