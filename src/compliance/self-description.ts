// Words some laws forbid the service to use about itself (Illinois: therapy; Nevada: therapist,
// counselor...). Its own texts are checked at start; the model is told in its system prompt.

// "not a therapist", "no replacement for therapy": saying what it is not is allowed.
const NEGATION = /\b(not|no|never|nor|isn't|aren't|cannot|can't|without|instead of)\b/i

function escape (word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The forbidden words a text uses about the service without a negation before them in the same clause. */
export function forbiddenSelfDescriptionsIn (text: string, words: readonly string[]): string[] {
  const found = new Set<string>()
  for (const clause of text.split(/[.;:!?\n]+|,\s*(?:and|but)\b/)) {
    for (const word of words) {
      const match = new RegExp(`\\b${escape(word)}\\b`, 'i').exec(clause)
      if (match !== null && !NEGATION.test(clause.slice(0, match.index))) found.add(word)
    }
  }
  return [...found]
}

/** Throws naming the text and the word when one of the service's own texts breaks the rule. */
export function checkOwnTexts (texts: Record<string, string>, words: readonly string[]): void {
  for (const [name, text] of Object.entries(texts)) {
    const found = forbiddenSelfDescriptionsIn(text, words)
    if (found.length > 0) throw new Error(`compliance: the ${name} text describes the service as "${found.join('", "')}", which the active profiles forbid`)
  }
}

/** The paragraph added to the model's system prompt; empty when no profile forbids a word. */
export function selfDescriptionRule (words: readonly string[]): string {
  if (words.length === 0) return ''
  return 'COMPLIANCE: never describe yourself or this service with these words, and never offer or claim to provide ' +
    `what they name: ${words.map(word => `"${word}"`).join(', ')}. You are an AI for emotional support, not a ` +
    'licensed professional. You may still suggest that the person sees a licensed professional.'
}
