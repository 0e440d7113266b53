// What the listener knows of the conversation: the user's words, what it has already said, and how it opened its replies.
import type { ChatTurn } from '../types.ts'
import { normalise } from './normalise.ts'

export interface Conversation {
  /** The user's messages as written, oldest first; the last is the one to answer. */
  rawUserTurns: string[]
  /** The same, normalised (see normalise.ts). */
  userTurns: string[]
  /** The listener's earlier replies, oldest first. */
  replies: string[]
  /** Every sentence already said, so none is said twice. */
  saidSentences: Set<string>
  /** How many earlier replies opened with each three-word opener. */
  openers: Map<string, number>
}

export function sentencesOf (text: string): string[] {
  return text.split(/(?<=[.?!])\s+/).map(sentence => sentence.trim()).filter(Boolean)
}

export function openerOf (text: string): string {
  return text.split(/\s+/).slice(0, 3).join(' ').toLowerCase()
}

export function readConversation (history: ChatTurn[]): Conversation {
  // Consecutive turns of one role arrive joined; a user turn is one message to answer.
  const rawUserTurns = history.filter(t => t.role === 'user').map(t => t.content.trim())
  const replies = history.filter(t => t.role === 'assistant').map(t => t.content)
  const saidSentences = new Set(replies.flatMap(sentencesOf))
  const openers = new Map<string, number>()
  for (const reply of replies) openers.set(openerOf(reply), (openers.get(openerOf(reply)) ?? 0) + 1)
  return { rawUserTurns, userTurns: rawUserTurns.map(normalise), replies, saidSentences, openers }
}

/** A small stable hash, so the starting option depends on the message and not on a strict rotation. */
function hash (text: string): number {
  let h = 0
  for (const char of text) h = (h * 31 + (char.codePointAt(0) as number)) >>> 0
  return h
}

/**
 * The option not yet said whose opener has opened the fewest replies so far, starting at a place
 * chosen by the message; undefined once every option has been said.
 */
export function freshPicker (conversation: Conversation, seed: string): (options: string[]) => string | undefined {
  const start = hash(seed)
  return (options) => {
    let best: string | undefined
    let bestUses = Infinity
    for (let i = 0; i < options.length; i++) {
      const option = options[(start + i) % options.length] as string
      if (sentencesOf(option).every(sentence => conversation.saidSentences.has(sentence))) continue
      const uses = conversation.openers.get(openerOf(option)) ?? 0
      if (uses < bestUses) {
        best = option
        bestUses = uses
      }
    }
    return best
  }
}
