// The crisis screen on a message refused before it is stored (too long): what the user wrote may
// still be a cry for help, so the refusal carries the resources, though nothing is stored or recorded.
import type { RiskAssessment } from './screen.ts'
import { resourcesFor, type CrisisResources } from './resources.ts'
import { regionOf } from './region.ts'
import type { SafetyEvent } from '../vocabulary.ts'

interface Safety {
  screen: (message: string) => RiskAssessment
  resources: CrisisResources
}

/** The text of a chat body: POST /chat's `message`, or the last AI SDK message's text parts. */
function textOf (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { message, messages } = body as { message?: unknown, messages?: unknown }
  if (typeof message === 'string') return message
  if (!Array.isArray(messages)) return undefined
  const parts = (messages.at(-1) as { parts?: unknown } | undefined)?.parts
  if (!Array.isArray(parts)) return undefined
  return parts.map(part => (part as { type?: unknown, text?: unknown }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : '').join('')
}

/** The safety payload for a refused chat body, or undefined when the screen finds nothing (or there is no text). */
export function refusedTextSafety (safety: Safety | undefined, body: unknown): SafetyEvent['safety'] | undefined {
  const text = textOf(body)
  if (safety === undefined || text === undefined) return undefined
  const risk = safety.screen(text)
  if (risk.level === 'none' || risk.category === undefined) return undefined
  return { level: risk.level, category: risk.category, message: safety.resources.message, resources: resourcesFor(safety.resources, risk.category, regionOf([text])) }
}
