// The user's words turned into the listener's: pronouns and verbs swapped both ways, cut at a natural boundary.

const SWAPS: Record<string, string> = {
  i: 'you',
  "i'm": "you're",
  "i've": "you've",
  "i'd": "you'd",
  "i'll": "you'll",
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  we: 'you',
  us: 'you',
  our: 'your',
  ours: 'yours',
  ourselves: 'yourselves',
  you: 'I',
  "you're": "I'm",
  "you've": "I've",
  "you'd": "I'd",
  "you'll": "I'll",
  your: 'my',
  yours: 'mine',
  yourself: 'myself'
}

// After a swap to "you", the verb agrees with it: "you was" -> "you were".
const AGREEMENT_AFTER_YOU: Record<string, string> = { am: 'are', was: 'were', is: 'are', "wasn't": "weren't", "isn't": "aren't", has: 'have', "hasn't": "haven't", does: 'do', "doesn't": "don't" }
// After a swap to "I", likewise: "I are" -> "I am".
const AGREEMENT_AFTER_I: Record<string, string> = { are: 'am', were: 'was', "aren't": "am not", "weren't": "wasn't" }

/** Where a clause may end without leaving half a phrase. */
const BOUNDARY = /\s+(?:but|because|cause|so that|although|though|when|while|and then|which|until|unless|except)\s+|[.!?;:,()]/
const MAX_WORDS = 16
/** Words a reflection must not end on: they promise more. */
const DANGLING = /^(and|or|but|the|a|an|to|of|for|with|that|my|your|is|are|was|were|of|in|on|at|like|just|so|very|really|i|you|he|she|they|it)$/

/** The first natural clause of `text`, whole words, never ending on a word that promises more. */
export function cutClause (text: string): string {
  const first = text.split(BOUNDARY)[0] ?? ''
  const words = first.trim().split(/\s+/).filter(Boolean)
  let kept = words.slice(0, MAX_WORDS)
  while (kept.length > 1 && DANGLING.test(kept.at(-1) as string)) kept = kept.slice(0, -1)
  return kept.join(' ')
}

/** "I feel like you are not listening to me" -> "you feel like I am not listening to you". */
export function swapPerson (clause: string): string {
  const words = clause.split(/\s+/).filter(Boolean)
  const out: string[] = []
  for (const [index, word] of words.entries()) {
    const previous = out.at(-1)
    if (previous === 'you' && AGREEMENT_AFTER_YOU[word] !== undefined) {
      out.push(AGREEMENT_AFTER_YOU[word])
      continue
    }
    if (previous === 'I' && AGREEMENT_AFTER_I[word] !== undefined) {
      out.push(AGREEMENT_AFTER_I[word])
      continue
    }
    // "you" as an object ("listening to you", "I love you so much") becomes "me", as a subject "I".
    if (word === 'you' && index > 0 && isObjectPosition(words[index - 1] as string, words[index + 1])) {
      out.push('me')
      continue
    }
    out.push(SWAPS[word] ?? word)
  }
  return out.join(' ')
}

const PREPOSITIONS = /^(to|with|at|for|about|from|of|on|by|without|around|near|than|tell|told|give|gave|thank|ask|asked|love|hate|need|trust|understand|believe|help|hear|see|miss)$/
const AFTER_OBJECT = /^(and|or|but|so|too|very|anymore|again|now|at|to|for|about|with|much|more|enough|because|though|when|if)$/

function isObjectPosition (previous: string, next: string | undefined): boolean {
  return PREPOSITIONS.test(previous) || next === undefined || AFTER_OBJECT.test(next)
}

/** A clause of the user's, ready to be said back: cut, then swapped. */
export function reflectClause (text: string): string {
  return swapPerson(cutClause(text))
}
