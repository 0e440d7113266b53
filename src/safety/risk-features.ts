// The learned model's view of a message: hashed word unigrams and bigrams and character n-grams of
// each word but the commonest, so that unseen spellings of a seen word still share most of its features; a word in a
// negation's scope ("no thoughts of harming myself") also counts as a negated word of its own.
import { NEGATORS, type ReadText } from './text.ts'

/** Feature slots: enough that collisions are rare for a corpus of thousands of messages. */
export const FEATURE_SLOTS = 1 << 18

/** FNV-1a, 32-bit: fast, stable across runs and platforms. */
function hash (text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i)
    value = Math.imul(value, 0x01000193)
  }
  return (value >>> 0) % FEATURE_SLOTS
}

/** A word's own slots (the word and its character n-grams): most words recur, so they are kept. */
const WORD_SLOTS = new Map<string, number[]>()
const WORD_SLOTS_LIMIT = 50000

/**
 * Words in nearly every message, risk or not: their character n-grams would add up to a weight of
 * their own ("me", "it", "gets"), so they count as whole words only.
 */
const FUNCTION_WORDS = new Set([
  'i', 'me', 'my', 'it', 'is', 'a', 'an', 'the', 'and', 'but', 'or', 'so', 'to', 'of', 'in', 'on', 'at', 'for', 'with',
  'be', 'am', 'are', 'was', 'were', 'do', 'does', 'did', 'not', 'no', 'that', 'this', 'you', 'he', 'she', 'they', 'we',
  'him', 'her', 'them', 'us', 'his', 'their', 'our', 'your', 'its', 'have', 'has', 'had', 'just', 'all', 'get', 'gets',
  'got', 'what', 'if', 'as', 'by', 'from', 'up', 'out', 'about', 'like', 'can', 'will', 'would', 'could', 'should',
  'everyone', 'keeps', 'keep', 'then', 'there', 'here', 'when', 'now', 'one', 'some', 'any', 'more', 'very', 'really',
  'too', 'also', 'how', 'why', 'who', 'which'
])

function wordSlots (word: string): number[] {
  let slots = WORD_SLOTS.get(word)
  if (slots === undefined) {
    if (WORD_SLOTS.size >= WORD_SLOTS_LIMIT) WORD_SLOTS.clear()
    slots = [hash(`w:${word}`)]
    if (FUNCTION_WORDS.has(word)) {
      WORD_SLOTS.set(word, slots)
      return slots
    }
    const padded = `<${word}>`
    for (const size of [3, 4, 5]) {
      for (let start = 0; start + size <= padded.length; start++) slots.push(hash(`c${size}:${padded.slice(start, start + size)}`))
    }
    WORD_SLOTS.set(word, slots)
  }
  return slots
}

/** Each feature's slot, once, for one message. */
export function featuresOf (text: ReadText): number[] {
  const words = text.tokens.filter(token => /\p{L}/u.test(token))
  const slots = new Set<number>()
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    for (const slot of wordSlots(word)) slots.add(slot)
    if (i + 1 < words.length) slots.add(hash(`b:${word} ${words[i + 1] as string}`))
  }
  for (let i = 0; i < text.tokens.length; i++) {
    const token = text.tokens[i] as string
    if (text.negationFlags[i] === true && !NEGATORS.has(token) && /\p{L}/u.test(token)) slots.add(hash(`n:${token}`))
  }
  return [...slots]
}
