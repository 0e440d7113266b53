// The conversation the model sees: stored messages turned into alternating turns within a token budget.
import { TURN_OVERHEAD, turnTokens } from '../agent/tokens.ts'
import type { ChatTurn } from '../agent/types.ts'
import type { StoredMessage } from '../store/types.ts'

/** How many stored messages to read at most; the token budget trims further. */
export const HISTORY_FETCH_LIMIT = 200

/**
 * Keeps the newest turns that fit `maxTokens` (the newest user turn always), never splitting a turn;
 * drops empty replies, joins consecutive turns of one role (left by a failed reply) and starts with
 * a user turn, as the model APIs require.
 */
export function toModelHistory (messages: StoredMessage[], maxTokens: number): ChatTurn[] {
  // A token is at least one byte of UTF-8: a history whose bytes fit the budget needs no counting.
  const fits = messages.reduce((bytes, message) => bytes + Buffer.byteLength(message.content) + TURN_OVERHEAD, 0) <= maxTokens
  const turns: Array<ChatTurn & { tokens: number }> = []
  for (const message of messages) {
    if (message.content.trim() === '') continue
    const tokens = fits ? 0 : turnTokens(message.id, message.content)
    const last = turns.at(-1)
    if (last?.role === message.role) {
      last.content += `\n\n${message.content}`
      last.tokens += tokens
    } else {
      turns.push({ role: message.role, content: message.content, tokens })
    }
  }

  let budget = maxTokens
  let start = turns.length
  while (start > 0) {
    const cost = (turns[start - 1] as { tokens: number }).tokens
    if (cost > budget && start < turns.length) break
    budget -= cost
    start--
  }
  while (start < turns.length && turns[start]?.role !== 'user') start++
  return turns.slice(start).map(({ role, content }) => ({ role, content }))
}
