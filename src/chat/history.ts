// The conversation the model sees: stored messages turned into alternating turns within a token budget.
import type { ChatTurn } from '../agent/types.ts'
import type { StoredMessage } from '../store/types.ts'
import { estimateTokens } from './tokens.ts'

/** How many stored messages to read at most; the token budget trims further. */
export const HISTORY_FETCH_LIMIT = 200

/**
 * Keeps the newest turns that fit `maxTokens` (the newest user turn always), drops empty replies,
 * joins consecutive turns of one role (left by a failed reply) and starts with a user turn,
 * as the model APIs require.
 */
export function toModelHistory (messages: StoredMessage[], maxTokens: number): ChatTurn[] {
  const turns: ChatTurn[] = []
  for (const message of messages) {
    if (message.content.trim() === '') continue
    const last = turns.at(-1)
    if (last?.role === message.role) last.content += `\n\n${message.content}`
    else turns.push({ role: message.role, content: message.content })
  }

  let budget = maxTokens
  let start = turns.length
  while (start > 0) {
    const cost = estimateTokens((turns[start - 1] as ChatTurn).content)
    if (cost > budget && start < turns.length) break
    budget -= cost
    start--
  }
  while (start < turns.length && turns[start]?.role !== 'user') start++
  return turns.slice(start)
}
