// The local risk screen: every user message passes it before the model sees it. Rules name the
// signals (C-SSRS steps for self-harm, the same structure for harm to others and abuse); scope
// clears what is not the writer's own present risk; a linear model trained at build time on the
// project's labelled messages adds a signal where no rule fires. No network; synchronous.
import { neededWords, startingWords, type StartWord } from './rule-index.ts'
import { RISK_RULES, type RiskRule } from './rules.ts'
import { isAboutSomeoneElse, isOwnVoice, isReportedQuestion, readScope, type MessageScope } from './scope.ts'
import { SIGNALS, type RiskCategory, type RiskLevel, type SignalName } from './taxonomy.ts'
import { isNegated, readText, type ReadText } from './text.ts'
import { riskModel } from './risk-model.ts'

export type { RiskCategory, RiskLevel, SignalName } from './taxonomy.ts'

export interface RiskAssessment {
  level: RiskLevel
  category?: RiskCategory
  /** The signals that fired, strongest first: names only, never the text. */
  signals: SignalName[]
}

/** Bumped whenever the rules, the scope or the model's training data change. */
export const SCREEN_VERSION = '2.7.0'

const SEARCHES = RISK_RULES.map(rule => ({
  ...rule,
  global: new RegExp(rule.pattern.source, 'g'),
  /** Tried only where a word it can begin with starts, not at every character. */
  sticky: new RegExp(rule.pattern.source, 'y'),
  starts: startingWords(rule.pattern.source),
  needs: neededWords(rule.pattern.source)
}))
type Search = typeof SEARCHES[number]
const RANK: Record<RiskLevel, number> = { none: 0, elevated: 1, crisis: 2 }
/** When two categories are equally urgent: the writer's own life first, then someone else's. */
const CATEGORY_ORDER: RiskCategory[] = ['self_harm', 'harm_to_others', 'abuse']

/** Words, and the first letters of words, that begin a rule or that a rule needs. */
class WordIndex<T> {
  private readonly exact = new Map<string, T[]>()
  /** Prefixes by their first letter, so that a token is compared with few of them. */
  private readonly prefixes = new Map<string, Array<{ word: string, items: T[] }>>()

  add (words: StartWord[] | undefined, item: T): void {
    for (const { word, exact } of words ?? []) {
      if (exact) {
        const items = this.exact.get(word)
        if (items === undefined) this.exact.set(word, [item])
        else items.push(item)
        continue
      }
      const bucket = this.prefixes.get(word[0] as string) ?? []
      this.prefixes.set(word[0] as string, bucket)
      const prefix = bucket.find(candidate => candidate.word === word)
      if (prefix === undefined) bucket.push({ word, items: [item] })
      else prefix.items.push(item)
    }
  }

  /** Each item that the token can stand for. */
  lookUp (token: string, visit: (item: T) => void): void {
    for (const item of this.exact.get(token) ?? []) visit(item)
    for (const prefix of this.prefixes.get(token[0] as string) ?? []) {
      if (token.startsWith(prefix.word)) for (const item of prefix.items) visit(item)
    }
  }
}

const BY_START = new WordIndex<Search>()
const BY_NEED = new WordIndex<Search>()
for (const rule of SEARCHES) {
  BY_START.add(rule.starts, rule)
  BY_NEED.add(rule.needs, rule)
}

function tokenIndexAt (starts: number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] as number) <= offset) low = middle
    else high = middle - 1
  }
  return low
}

const WOULD_BE_WITHOUT_ME = /\b(?:would|will) be (?:\S+ ){0,3}without me\b/

/** A negator before the act ("he has never hit me"), not one that makes it worse ("he never stops"). */
const NEGATED_ACT = /\b(?:never|not|no longer)\b(?! (?:stops?|stopped|lets?|let|allows?|just|only|even|once|sorry|apologi[sz]es?)\b)/

/** Whether a rule's match is the writer's own present risk, given what surrounds it. */
function counts (rule: RiskRule, text: ReadText, scope: MessageScope, index: number, matched: string): boolean {
  const definition = SIGNALS[rule.signal]
  if (rule.negative !== true && isNegated(text, index)) return false
  if (isReportedQuestion(text, index)) return false
  // "He's never hit me": the subject opens these patterns, so a negation inside the match is theirs.
  if ((rule.signal === 'abuse.physical' || rule.signal === 'abuse.sexual') && NEGATED_ACT.test(matched)) return false
  if (scope.media && !isOwnVoice(text, index, matched)) return false
  if (rule.figurative === true && scope.joking) return false
  if ((rule.signal === 'abuse.coercive_control' || rule.signal === 'abuse.stalking') && scope.parenting) return false
  if (rule.figurative === true || rule.signal === 'self_harm.method' || definition.category !== 'self_harm') {
    if (scope.play) return false
  }
  if (rule.signal === 'abuse.physical' && scope.smallChild) return false
  if (definition.category !== 'self_harm' || rule.signal === 'self_harm.other_person_in_danger') return true
  if (scope.resolvedPast || scope.deniedScreening) return false
  if (scope.accident && (rule.signal === 'self_harm.self_injury' || rule.signal === 'self_harm.attempt')) return false
  // "They would be calmer without me": others are named, the writer is the one who would be gone.
  return !isAboutSomeoneElse(text, index) || WOULD_BE_WITHOUT_ME.test(text.words)
}

/** The message's words as one string, where each word starts in it, and the words themselves. */
interface Form { text: string, starts: number[], tokens: string[] }

/** For each rule that can begin at some word of the message, the indexes of those words. */
function candidates (form: Form): Map<Search, number[]> {
  const found = new Map<Search, number[]>()
  for (const [index, token] of form.tokens.entries()) {
    BY_START.lookUp(token, rule => {
      const at = found.get(rule)
      if (at === undefined) found.set(rule, [index])
      else if (at.at(-1) !== index) at.push(index)
    })
  }
  return found
}

/** The rules whose needed words the message holds. */
function satisfied (form: Form): Set<Search> {
  const found = new Set<Search>()
  for (const token of form.tokens) BY_NEED.lookUp(token, rule => found.add(rule))
  return found
}

function fired (rule: Search, text: ReadText, scope: MessageScope, form: Form, at: Map<Search, number[]>): boolean {
  if (rule.starts === undefined) {
    for (const match of form.text.matchAll(rule.global)) {
      if (counts(rule, text, scope, tokenIndexAt(form.starts, match.index), match[0])) return true
    }
    return false
  }
  for (const index of at.get(rule) ?? []) {
    rule.sticky.lastIndex = form.starts[index] as number
    const match = rule.sticky.exec(form.text)
    if (match !== null && counts(rule, text, scope, index, match[0])) return true
  }
  return false
}

/** Words a plain leave-taking is made of: alone, they give the model too little to go on. */
const CLOSING_WORDS = new Set(['ok', 'okay', 'k', 'bye', 'byee', 'goodbye', 'good', 'night', 'goodnight', 'nite', 'gn', 'see', 'you', 'ya', 'u', 'later', 'soon', 'tomorrow', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'talk', 'ttyl', 'for', 'now', 'then', 'all', 'again', 'take', 'care', 'cya', 'lol'])

/** A message of leave-taking words only ("goodbye", "ok bye thanks"); rules still read it, the model does not. */
function isOnlyLeaveTaking (text: ReadText): boolean {
  const words = text.tokens.filter(token => /\p{L}/u.test(token))
  return words.length > 0 && words.every(word => CLOSING_WORDS.has(word))
}

export function screenMessage (message: string): RiskAssessment {
  const text = readText(message)
  const signals = new Set<SignalName>()
  const words = { text: text.words, starts: text.wordStarts, tokens: text.tokens }
  const at = candidates(words)
  const needsMet = satisfied(words)
  let scope: MessageScope | undefined
  for (const rule of SEARCHES) {
    if (signals.has(rule.signal)) continue
    if (rule.starts !== undefined && !at.has(rule)) continue
    if (rule.needs !== undefined && !needsMet.has(rule)) continue
    scope ??= readScope(text)
    if (fired(rule, text, scope, words, at)) signals.add(rule.signal)
  }
  if (signals.size === 0 && !isOnlyLeaveTaking(text)) {
    const learned = riskModel.assess(text)
    if (learned !== undefined) signals.add(learned)
  }
  if (signals.size === 0) return { level: 'none', signals: [] }
  const ordered = [...signals].sort((a, b) =>
    RANK[SIGNALS[b].level] - RANK[SIGNALS[a].level] ||
    CATEGORY_ORDER.indexOf(SIGNALS[a].category) - CATEGORY_ORDER.indexOf(SIGNALS[b].category))
  const strongest = SIGNALS[ordered[0] as SignalName]
  return { level: strongest.level, category: strongest.category, signals: ordered }
}
