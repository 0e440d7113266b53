// A message as the risk screen reads it: wink-nlp's tokens and lemmas, with risk words' misspellings mended.
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { distance } from 'fastest-levenshtein'

// Only the steps the screen reads: tokens (sbd), negation scopes, and the POS tags lemmas need.
// Sentiment and entity recognition would add about 60 % a message (15 vs 9.5 µs) and go unread.
const nlp = winkNLP(model, ['sbd', 'negation', 'pos'])
const its = nlp.its
// wink-nlp's typings declare `its.lemma` with an add-on signature that `out()` does not accept.
const lemma = its.lemma as unknown as typeof its.value

/** Words whose misspellings matter: one slip ("sucidal", "kil") must not hide a risk. */
const RISK_WORDS = [
  'suicide', 'suicidal', 'myself', 'kill', 'overdose', 'unalive', 'worthless', 'hopeless', 'pointless',
  'hang', 'cutting', 'harming', 'abuse', 'abused', 'abusing', 'raped', 'threatened', 'strangle', 'choked', 'everyone', 'anymore'
]

// Casual spellings and shorthand, said in full.
const SHORTHAND: Record<string, string> = {
  im: "i'm", ive: "i've", wanna: 'want to', gonna: 'going to', kms: 'kill myself', dont: "don't", cant: "can't",
  wont: "won't", didnt: "didn't", doesnt: "doesn't", isnt: "isn't", wouldnt: "wouldn't", selfharm: 'self harm',
  'self-harm': 'self harm', 'self-harming': 'self harming', u: 'you', ur: 'your', bc: 'because', cuz: 'because',
  kil: 'kill', kll: 'kill', myslef: 'myself', mysefl: 'myself', mself: 'myself', urself: 'yourself', ded: 'dead'
}

function mend (word: string): string {
  const short = SHORTHAND[word]
  if (short !== undefined) return short
  if (word.length < 5 || RISK_WORDS.includes(word)) return word
  for (const risk of RISK_WORDS) {
    const allowed = risk.length >= 8 ? 2 : 1
    if (Math.abs(risk.length - word.length) <= allowed && distance(word, risk) <= allowed) return risk
  }
  return word
}

export interface ReadText {
  /** The words as written (mended), joined by single spaces. */
  words: string
  /** Their lemmas ("killing" -> "kill", "was" -> "be"), aligned with `words`. */
  lemmas: string
  /** Where each token starts in `words` and in `lemmas`. */
  wordStarts: number[]
  lemmaStarts: number[]
  tokens: string[]
  /** wink-nlp's negation scope per token ("not ... suicidal"). */
  negationFlags: boolean[]
}

export function readText (message: string): ReadText {
  const cleaned = message
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s.,!?;:-]/gu, ' ')
  const mended = cleaned.split(/\s+/).map(word => {
    const bare = word.replace(/[.,!?;:]+$/, '')
    return mend(bare) + word.slice(bare.length)
  }).join(' ')

  const doc = nlp.readDoc(mended)
  const tokens = doc.tokens().out()
  const lemmaList = doc.tokens().out(lemma)
  const join = (list: string[]): { text: string, starts: number[] } => {
    const starts: number[] = []
    let text = ''
    for (const item of list) {
      starts.push(text.length + (text === '' ? 0 : 1))
      text += (text === '' ? '' : ' ') + item
    }
    return { text, starts }
  }
  const words = join(tokens)
  const lemmas = join(lemmaList)
  return {
    words: words.text,
    lemmas: lemmas.text,
    wordStarts: words.starts,
    lemmaStarts: lemmas.starts,
    tokens,
    negationFlags: doc.tokens().out(its.negationFlag) as boolean[]
  }
}

const NEGATORS = new Set(['not', 'nt', "n't", 'never', 'no', 'nobody', 'nothing'])
const CLAUSE_BREAKS = new Set(['and', 'but', 'so', 'because', 'though', 'although', 'yet', 'or', '.', ',', ';', '!', '?', ':'])

/**
 * True when wink-nlp puts the token in a negation's scope and the negator is close, in the same
 * clause: "not suicidal" is negated; "not okay and I want to die" is not, though wink's scope runs on.
 */
export function isNegated (text: ReadText, index: number): boolean {
  if (text.negationFlags[index] !== true) return false
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const token = text.tokens[i] as string
    if (CLAUSE_BREAKS.has(token)) return false
    if (NEGATORS.has(token)) return true
  }
  return false
}
