// Token estimates for what a model request holds (the system prompt, the history within its budget):
// a real BPE tokenizer (gpt-tokenizer's cl100k encoding).
// Claude's tokenizer differs a little; the estimate is close enough to keep a request within budget.
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base'

/** Each turn costs a few tokens of framing (role, separators) besides its text. */
export const TURN_OVERHEAD = 4
const CACHE_SIZE = 20000
const cache = new Map<string, number>()
// A user may type `<|endoftext|>`: count it as the text it is. By default the tokenizer throws on it,
// and a message in the history that cannot be counted would fail every later chat of its session.
const AS_TEXT = { disallowedSpecial: new Set<string>() }

export function estimateTokens (text: string): number {
  return countTokens(text, AS_TEXT)
}

/** The tokens a stored message takes in a request, remembered by message id (messages never change). */
export function turnTokens (id: string, text: string): number {
  let tokens = cache.get(id)
  if (tokens === undefined) {
    tokens = countTokens(text, AS_TEXT) + TURN_OVERHEAD
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    cache.set(id, tokens)
  }
  return tokens
}
