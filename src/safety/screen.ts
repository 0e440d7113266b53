// The local risk screen: every user message passes it before the model sees it. Rules name the
// signals (C-SSRS steps for self-harm, the same structure for harm to others and abuse); scope
// clears what is not the writer's own present risk; a linear model trained at build time on the
// project's labelled messages adds a signal where no rule fires. No network; synchronous.
import { RISK_RULES, type RiskRule } from './rules.ts'
import { isAboutSomeoneElse, isOwnVoice, readScope, type MessageScope } from './scope.ts'
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
export const SCREEN_VERSION = '2.0.0'

const SEARCHES = RISK_RULES.map(rule => ({ ...rule, global: new RegExp(rule.pattern.source, 'g') }))
/**
 * Every rule in one: most messages match none, and one scan of each form tells so. Matches as any
 * of them would: they have no flags and no back-references, so each alternative means what its
 * pattern means.
 */
const ANY_RISK = new RegExp(RISK_RULES.map(rule => `(?:${rule.pattern.source})`).join('|'))
const RANK: Record<RiskLevel, number> = { none: 0, elevated: 1, crisis: 2 }
/** When two categories are equally urgent: the writer's own life first, then someone else's. */
const CATEGORY_ORDER: RiskCategory[] = ['self_harm', 'harm_to_others', 'abuse']

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

/** Whether a rule's match is the writer's own present risk, given what surrounds it. */
function counts (rule: RiskRule, text: ReadText, scope: MessageScope, index: number, matched: string): boolean {
  const definition = SIGNALS[rule.signal]
  if (rule.negative !== true && isNegated(text, index)) return false
  if (scope.media && !isOwnVoice(text, index, matched)) return false
  if (rule.figurative === true && scope.joking) return false
  if ((rule.signal === 'abuse.coercive_control' || rule.signal === 'abuse.stalking') && scope.parenting) return false
  if (definition.category !== 'self_harm' || rule.signal === 'self_harm.other_person_in_danger') return true
  if (scope.resolvedPast || scope.deniedScreening) return false
  if (scope.accident && (rule.signal === 'self_harm.self_injury' || rule.signal === 'self_harm.attempt')) return false
  return !isAboutSomeoneElse(text, index)
}

function fired (rule: typeof SEARCHES[number], text: ReadText, scope: MessageScope): boolean {
  const forms: Array<[string, number[]]> = [[text.words, text.wordStarts], [text.lemmas, text.lemmaStarts]]
  for (const [form, starts] of forms) {
    for (const match of form.matchAll(rule.global)) {
      if (counts(rule, text, scope, tokenIndexAt(starts, match.index), match[0])) return true
    }
  }
  return false
}

export function screenMessage (message: string): RiskAssessment {
  const text = readText(message)
  const signals = new Set<SignalName>()
  if (ANY_RISK.test(text.words) || ANY_RISK.test(text.lemmas)) {
    const scope = readScope(text)
    for (const rule of SEARCHES) {
      if (!signals.has(rule.signal) && fired(rule, text, scope)) signals.add(rule.signal)
    }
  }
  if (signals.size === 0) {
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
