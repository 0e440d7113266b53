// Whose feeling is it, and is it denied? Each feeling word is read in its own clause, with its subject and negation.

/** Clause breaks: punctuation and the conjunctions that start a new thought. */
const CLAUSE_BREAK = /[.!?;,]+|\s(?:but|because|cause|though|although|while|whereas|and he|and she|and they|and i)\s/

// Someone else as the subject of a clause: "he", "my dad", "everyone".
const OTHERS = /\b(he|she|they|him|her|them|his|their|everyone|everybody|people|someone|somebody|nobody|no one|you|my (?:mum|mom|mother|dad|father|parents|partner|boyfriend|girlfriend|husband|wife|friend|friends|boss|manager|sister|brother|son|daughter|kids|teacher|grandma|grandmother|grandpa|grandfather|colleague|coworker|ex|roommate|flatmate)|(?:mum|mom|dad|he|she) says|says)\b/g
const SELF = /\b(i|i'm|i've|i'd|me|myself|im|my)\b/g
const NEGATORS = /\b(not|no|never|nothing|none|nobody|hardly|barely|without|no longer|any ?more|neither|nor)\b|n't\b/

export interface FeelingMention {
  /** The user's own feeling (not someone else's). */
  own: boolean
  /** Denied in its clause: "I don't feel any better", "I'm not sad". */
  negated: boolean
  /** The clause it was found in. */
  clause: string
  /** Someone asks whether the user feels it ("mum keeps asking if I'm stressed"): said by no one. */
  asked: boolean
}

export function clausesOf (text: string): string[] {
  return text.split(CLAUSE_BREAK).map(clause => clause.trim()).filter(clause => clause !== '')
}

function lastIndex (pattern: RegExp, text: string): number {
  let last = -1
  for (const match of text.matchAll(pattern)) last = match.index
  return last
}

/** Reads a feeling word at `index` in `clause`: whose it is and whether it is denied. */
function readMention (clause: string, index: number): FeelingMention {
  const before = clause.slice(0, index)
  // The nearest subject before the word decides whose feeling it is; none at all is the user's ("so tired lately").
  const self = lastIndex(SELF, before)
  const other = lastIndex(OTHERS, before)
  const own = other === -1 || self > other
  // A negator among the few words before the feeling denies it.
  const nearBefore = before.split(/\s+/).slice(-5).join(' ')
  // Someone asking whether the user feels it ("mum keeps asking if I'm stressed") is not the user saying so.
  const askedAbout = /\b(ask|asks|asked|asking|askin|wonders?|wondering) (me )?(if|whether) (i'm|i am|im) (\S+ )?$/.test(before)
  return { own: own && !askedAbout, negated: NEGATORS.test(nearBefore), clause, asked: askedAbout }
}

/** Every mention of `pattern` in the message, clause by clause. */
export function mentionsOf (text: string, pattern: RegExp): FeelingMention[] {
  const mentions: FeelingMention[] = []
  for (const clause of clausesOf(text)) {
    const global = new RegExp(pattern.source, 'g')
    for (const match of clause.matchAll(global)) mentions.push(readMention(clause, match.index))
  }
  return mentions
}

/** True when the user says it of themselves and does not deny it. */
export function affirmsOwn (text: string, pattern: RegExp): boolean {
  return mentionsOf(text, pattern).some(m => m.own && !m.negated)
}

/** True when the user denies it of themselves: "I don't feel any better", "nothing helps". */
export function deniesOwn (text: string, pattern: RegExp): boolean {
  return mentionsOf(text, pattern).some(m => m.own && m.negated)
}
