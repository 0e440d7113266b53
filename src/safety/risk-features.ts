// The learned model's view of a message: hashed word unigrams and bigrams and character n-grams of
// each word, so that unseen spellings of a seen word still share most of its features.
import type { ReadText } from './text.ts'

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

function wordSlots (word: string): number[] {
  let slots = WORD_SLOTS.get(word)
  if (slots === undefined) {
    if (WORD_SLOTS.size >= WORD_SLOTS_LIMIT) WORD_SLOTS.clear()
    slots = [hash(`w:${word}`)]
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
  return [...slots]
}
