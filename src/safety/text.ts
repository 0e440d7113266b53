// A message as the risk screen reads it: contractions and chat shorthand said in full, risk words'
// misspellings mended, then wink-nlp's tokens and negation scopes.
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { distance } from 'fastest-levenshtein'

// Only the steps the screen reads: tokens (sbd) and negation scopes. Matching the rules on lemmas
// as well found hardly more on the corpus, for much of the screen's time (the POS
// tags lemmas need, and every rule run twice), so the rules list the inflections they need instead.
const nlp = winkNLP(model, ['sbd', 'negation'])
const its = nlp.its

/**
 * Words whose misspellings matter: one slip ("sucidal", "overdoes") must not hide a risk. Mended
 * only within one edit (two for long words) and only from words of similar length, so that
 * everyday words stay themselves.
 */
const RISK_WORDS = [
  'suicide', 'suicidal', 'myself', 'overdose', 'overdosed', 'unalive', 'worthless', 'hopeless', 'pointless',
  'hanging', 'cutting', 'harming', 'abuse', 'abused', 'abusing', 'raped', 'threatened', 'threatens', 'strangle',
  'strangled', 'choked', 'everyone', 'anymore', 'killing', 'starving', 'laxatives', 'purging', 'kill', 'dying',
  'razor', 'blade', 'blades', 'noose', 'pills', 'bridge', 'existing', 'exist', 'disappear', 'alive', 'wrists', 'goodbye',
  'beats', 'punches', 'molested', 'touches', 'stalking', 'tracking', 'nudes', 'bleeding', 'scratching', 'burning',
  'boyfriend', 'girlfriend', 'husband', 'stepdad', 'threatening', 'strangled', 'believe', 'secret'
]

/** Words a slip must never be mended into a risk word from: real words one edit away. */
const REAL_WORDS = new Set([
  'skill', 'kiln', 'till', 'fill', 'pill', 'hill', 'mill', 'will', 'bill', 'gill', 'sill', 'still', 'killer',
  'exit', 'exits', 'alike', 'alive', 'olive', 'abuser', 'bride', 'bridges', 'blame', 'bladed', 'glade', 'beads',
  'beast', 'bears', 'bets', 'dyeing', 'lying', 'tying', 'vying', 'eyeing', 'dining', 'diving', 'razer', 'hanging',
  'banging', 'ranging', 'changing', 'cutting', 'putting', 'gutting', 'jutting', 'hilling', 'filling', 'billing',
  'willing', 'milling', 'tilling', 'spills', 'pulls', 'polls', 'pals', 'poles', 'piles', 'tills', 'fills', 'hills',
  'mills', 'wills', 'bills', 'kills', 'starring', 'staring', 'starting', 'scattering', 'burying', 'turning',
  'burnings', 'bleeping', 'breeding', 'bleeds', 'touched', 'torches', 'couches', 'pouches', 'stacking', 'tracing',
  'trucking', 'tricking', 'nodes', 'nude', 'noise', 'nose', 'loose', 'moose', 'goose', 'anyone', 'everyday',
  'doing', 'strange', 'stranger', 'cooked', 'beans', 'struggled', 'painless', 'dming', 'pinches', 'threats', 'during',
  'skilled', 'filling', 'spilled', 'chilling', 'grilling', 'hunting', 'belling', 'shrugged', 'strangers', 'boyfriends',
  'abuses', 'amused', 'excising', 'existed', 'exists', 'insisting', 'resisting', 'assisting', 'tanking', 'thanking',
  'starring', 'stirring', 'spring', 'stinging', 'staving', 'shaving', 'carving', 'craving', 'cutie', 'alien', 'aliens'
])

// Contractions and chat shorthand, said in full so that one pattern covers every spelling.
const SHORTHAND: Record<string, string> = {
  im: 'i am', "i'm": 'i am', ive: 'i have', "i've": 'i have', "i'll": 'i will', "i'd": 'i would',
  wanna: 'want to', wana: 'want to', wnt: 'want', wnna: 'want to', gonna: 'going to', gona: 'going to', finna: 'going to',
  tryna: 'trying to', gotta: 'got to', hafta: 'have to', lemme: 'let me', kinda: 'kind of', sorta: 'sort of',
  dont: 'do not', dnt: 'do not', "don't": 'do not', cant: 'can not', "can't": 'can not', cannot: 'can not', wont: 'will not',
  "won't": 'will not', didnt: 'did not', doesnt: 'does not', isnt: 'is not', wasnt: 'was not', arent: 'are not',
  werent: 'were not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', havent: 'have not',
  hasnt: 'has not', hadnt: 'had not', aint: 'is not', "ain't": 'is not', havnt: 'have not', hvnt: 'have not', eatn: 'eaten', etan: 'eaten',
  youre: 'you are', theyre: 'they are', hes: 'he is', shes: 'she is', thats: "that's", whats: "what's", itll: 'it will',
  // Shorthand whose "not" would read as a negation of what follows.
  ngl: 'honestly', tbh: 'honestly', fr: 'for real', frfr: 'for real', deadass: 'for real', lowkey: 'quietly', highkey: 'really',
  idk: 'i do not know', idc: 'i do not care', rn: 'right now', tn: 'tonight', tonite: 'tonight', '2nite': 'tonight',
  tmrw: 'tomorrow', tmr: 'tomorrow', '2moro': 'tomorrow', b4: 'before', u: 'you', ur: 'your', r: 'are', y: 'why',
  pls: 'please', plz: 'please', bc: 'because', cuz: 'because', coz: 'because', cos: 'because', abt: 'about',
  ppl: 'people', smth: 'something', sth: 'something', bf: 'boyfriend', gf: 'girlfriend', hubby: 'husband',
  bestie: 'friend', bff: 'friend', mum: 'mom', mommy: 'mom', mama: 'mom', momma: 'mom', dada: 'dad', daddy: 'dad',
  stepdad: 'step dad', stepmom: 'step mom', stepmum: 'step mom', stepfather: 'step dad', stepmother: 'step mom',
  // Self-harm shorthand of the online communities, said as what it means.
  kms: 'kill myself', kmss: 'kill myself', ctb: 'kill myself', sewerslide: 'suicide', sewerslid: 'suicide', suicid: 'suicide',
  selfharm: 'self harm', 'self-harm': 'self harm', 'self-harming': 'self harming', 'self-harmed': 'self harmed',
  'self-injury': 'self injury', 'self-injuring': 'self injuring', unaliving: 'unalive', unalived: 'unalive',
  od: 'overdose', "od'd": 'overdosed', oding: 'overdosing', "od'ing": 'overdosing', oded: 'overdosed',
  kil: 'kill', kll: 'kill', kiil: 'kill', kilk: 'kill', kiled: 'killed', killin: 'killing', kilin: 'killing',
  myslef: 'myself', mysefl: 'myself', mself: 'myself', myslf: 'myself', mysel: 'myself', meself: 'myself', mysef: 'myself',
  urself: 'yourself', ded: 'dead', daed: 'dead', dieing: 'dying', dyin: 'dying', dy: 'die',
  hert: 'hurt', hurtin: 'hurting', hurtn: 'hurting', cuttin: 'cutting', cuting: 'cutting', harmin: 'harming',
  burnin: 'burning', starvin: 'starving', bleedin: 'bleeding', purgin: 'purging', hangin: 'hanging', jumpin: 'jumping',
  makin: 'making', exersizing: 'exercising', exersize: 'exercise', colapse: 'collapse', scrached: 'scratched', punchd: 'punched',
  knucles: 'knuckles', swolen: 'swollen', skool: 'school', feelin: 'feeling', dei: 'die', slef: 'self', sefl: 'self', selff: 'self', pils: 'pills', pilz: 'pills', pillz: 'pills', lyf: 'life', lif: 'life',
  nobdy: 'nobody', noone: 'no one', evry1: 'everyone', every1: 'everyone', any1: 'anyone', some1: 'someone',
  thinkin: 'thinking', tryin: 'trying', plannin: 'planning', wantin: 'wanting', gettin: 'getting', goin: 'going',
  cutt: 'cut', cutted: 'cut', agian: 'again', agin: 'again', agen: 'again', forevr: 'forever', forver: 'forever', '4ever': 'forever',
  anymor: 'anymore', nemore: 'anymore', anymre: 'anymore', nomore: 'no more', alredy: 'already', allready: 'already'
}

/** Laughing emoji mean "lol"; the skull, in chat, too. Other symbols are dropped. */
const EMOJI_WORDS: Array<[RegExp, string]> = [[/[😂🤣💀😹😆😅]/gu, ' lol '], [/[🔪]/gu, ' knife '], [/[💊]/gu, ' pills '], [/[🔫]/gu, ' gun '], [/[🪢]/gu, ' rope ']]

/** Words already mended: most words recur from message to message. Bounded, then started afresh. */
const MENDED = new Map<string, string>()
const MENDED_LIMIT = 50000

function mend (word: string): string {
  let mended = MENDED.get(word)
  if (mended === undefined) {
    if (MENDED.size >= MENDED_LIMIT) MENDED.clear()
    mended = mendOnce(word)
    MENDED.set(word, mended)
  }
  return mended
}

function mendOnce (word: string): string {
  const short = SHORTHAND[word]
  if (short !== undefined) return short
  if (word.length < 4 || REAL_WORDS.has(word) || RISK_WORDS.includes(word)) return word
  // Dropped final g ("killin'", "cuttin").
  if (/^[a-z]{4,}in'?$/.test(word)) {
    const ing = word.replace(/'$/, '') + 'g'
    if (RISK_WORDS.includes(ing)) return ing
  }
  for (const risk of RISK_WORDS) {
    const allowed = risk.length >= 9 || risk.startsWith('suicid') ? 2 : 1
    if (risk.length < 4 || Math.abs(risk.length - word.length) > allowed || word[0] !== risk[0]) continue
    // Another form of the same word ("wrist", "punched"), not a slip: left as written.
    if (risk.startsWith(word) || word.startsWith(risk) || (word.length >= 5 && word.slice(0, -2) === risk.slice(0, -2))) continue
    if (distance(word, risk) <= allowed) return risk
  }
  return word
}

/** Shorthand whose case tells it apart from an everyday word ("SH" is self-harm, "sh" is hush). */
function expandCaseSensitive (message: string): string {
  return message
    .replace(/\bSH\b/g, 'self harm')
    .replace(/\bSI\b/g, 'suicidal thoughts')
    .replace(/\bSA\b/g, 'sexual assault')
    .replace(/\bDV\b/g, 'domestic violence')
}

export interface ReadText {
  /** The words as written (shorthand said in full, misspellings mended), joined by single spaces. */
  words: string
  /** Where each token starts in `words`. */
  wordStarts: number[]
  tokens: string[]
  /** wink-nlp's negation scope per token ("not ... suicidal"). */
  negationFlags: boolean[]
}

/** The message in lower case with shorthand said in full, before tokenising. */
export function normalise (message: string): string {
  // Accents dropped ("me corté" reads as "me corte"), so that word boundaries work in every language.
  let text = expandCaseSensitive(message.normalize('NFKC')).normalize('NFD').replace(/\p{M}/gu, '')
  for (const [emoji, word] of EMOJI_WORDS) text = text.replace(emoji, word)
  const cleaned = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\bsewer ?slide\b/g, 'suicide')
    .replace(/\bsu+ ?i+ ?ci+ ?de\b/g, 'suicide')
    .replace(/\bcatch(?:ing)? the bus\b(?! (?:to|home|at|from|into|in|this|every|tomorrow|downtown))/g, 'kill myself')
    .replace(/\bun-alive\b/g, 'unalive')
    // "sh" in lower case, where only self-harm fits what follows or precedes it.
    .replace(/\bsh(?:'d|'ed|ed)\b/g, 'self harmed')
    .replace(/\bsh (episode|urges?|relapse|scars?|wounds?|cuts?|again|free|streak|thoughts)\b/g, 'self harm $1')
    // "rope" as a verb: hanging (never "roped in", "roped into", "roped off").
    .replace(/\b(want to|wanna|going to|gonna|about to|ready to|might|will|should|could|thinking about|think about) rope\b(?! (?:in|into|off|the|a|it|them|him|her|me|us)\b)/g, '$1 hang myself')
    .replace(/\broped\b(?= (?:last|yesterday|again|but|and the|tonight|this))/g, 'tried to hang myself')
    .replace(/\b(delete|erase) myself\b/g, 'kill myself')
    // Cutting down on wine, cutting ties, cutting costs: reducing, never a wound.
    .replace(/\bcut(?:s|ting)? (?:down|back)(?: on)?\b|\bcut(?:s|ting)? (?:ties|costs|corners|carbs|sugar|caffeine|out (?:sugar|carbs|caffeine|alcohol|dairy|gluten|meat|junk))\b/g, 'reducing')
    .replace(/\bmy self\b/g, 'myself')
    .replace(/\b(?:final exit|an hero|the easy way out|sewer slide)\b/g, 'suicide')
    // "want to dye" is almost always "die" unless something follows that one dyes.
    .replace(/\b(want to|wanna|wnt to|wnt|wana|wnna|wish i could|gonna|going to|ready to|i could just) (?:dye|dei|di|dy|dye+)\b(?! (?:my|it|the|this|that|them|her|his|a|an|black|blonde|blue|red|pink|purple|green|brown|grey|gray|hair|clothes|shirt|eggs|fabric|easter))/g, '$1 die')
    .replace(/[^\p{L}\p{N}'\s.,!?;:-]/gu, ' ')
  return cleaned.split(/\s+/).map(word => {
    const bare = word.replace(/[.,!?;:]+$/, '').replace(/^'+|'+$/g, '')
    if (bare === '') return word
    return mend(bare) + word.slice(word.indexOf(bare) + bare.length)
  }).join(' ')
}

function joined (list: string[]): { text: string, starts: number[] } {
  const starts: number[] = []
  let text = ''
  for (const item of list) {
    starts.push(text.length + (text === '' ? 0 : 1))
    text += (text === '' ? '' : ' ') + item
  }
  return { text, starts }
}

export function readText (message: string): ReadText {
  const doc = nlp.readDoc(normalise(message))
  const raw = doc.tokens().out()
  // "'d" is "would" before a verb ("he'd kill me"), "had" before a participle ("he'd left").
  const tokens = raw.map((token, index) => token === "n't" ? 'not' : token === "'ll" ? 'will' : token === "'ve" ? 'have' : token === "'m" ? 'am' : token === "'re" ? 'are' : token === "'d" ? (/(?:ed|en|been|gone|done|had|got|left|said|told|made)$/.test(raw[index + 1] ?? '') ? 'had' : 'would') : token)
  const words = joined(tokens)
  return {
    words: words.text,
    wordStarts: words.starts,
    tokens,
    negationFlags: doc.tokens().out(its.negationFlag) as boolean[]
  }
}

/** Words that open a negation's scope. */
export const NEGATORS = new Set(['not', 'never', 'no', 'nobody', 'nothing', 'nor', 'neither'])
const CLAUSE_BREAKS = new Set(['and', 'but', 'so', 'because', 'though', 'although', 'yet', 'or', 'unless', 'except', '.', ',', ';', '!', '?', ':', '-'])

/**
 * True when wink-nlp puts the token in a negation's scope and the negator is close, in the same
 * clause: "not suicidal" is negated; "not okay and I want to die" is not, though wink's scope runs on.
 */
/** Verbs a "not" before them keeps to themselves ("don't know", "don't care"). */
const NOT_THE_ACT = new Set(['know', 'care', 'mind', 'understand', 'remember'])

export function isNegated (text: ReadText, index: number): boolean {
  for (let i = index - 1; i >= Math.max(0, index - 5); i--) {
    const token = text.tokens[i] as string
    if (CLAUSE_BREAKS.has(token)) return false
    // "I don't know, I just want to die": the "not" is the knowing's, not what follows it.
    if (NEGATORS.has(token) && i + 1 < index && NOT_THE_ACT.has(text.tokens[i + 1] as string)) return false
    if (NEGATORS.has(token)) return text.negationFlags[index] === true || i >= index - 2
  }
  return false
}
