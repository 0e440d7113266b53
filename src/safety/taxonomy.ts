// What the risk screen can find, in the steps a clinician knows: the C-SSRS screener's for suicide
// and self-harm, and the same structure (thought, intent, means, act) for harm to others and abuse.
import { RiskCategorySchema, type FlaggedRiskLevel, type RiskCategory } from '../vocabulary.ts'

export type { RiskCategory }
export type RiskLevel = 'none' | FlaggedRiskLevel
export const RISK_CATEGORIES: readonly RiskCategory[] = RiskCategorySchema.enum

export interface SignalDefinition {
  category: RiskCategory
  level: Exclude<RiskLevel, 'none'>
  /** Where the signal sits in the screener's steps, for the published protocol. */
  step: string
}

/**
 * Every signal by name (the names are stored on the session and logged; never the text). `elevated`
 * for the screener's first steps and for signals that need a person to ask more; `crisis` for intent,
 * a plan, preparation, acts and any danger now.
 */
export const SIGNALS = {
  'self_harm.wish_dead': { category: 'self_harm', level: 'elevated', step: 'C-SSRS 1: wish to be dead, not to exist or not to wake up' },
  'self_harm.hopelessness': { category: 'self_harm', level: 'elevated', step: 'hopelessness, being a burden, unable to go on' },
  'self_harm.active_thoughts': { category: 'self_harm', level: 'elevated', step: 'C-SSRS 2: non-specific active thoughts of suicide' },
  'self_harm.method': { category: 'self_harm', level: 'crisis', step: 'C-SSRS 3: thoughts of a method, or a means named with intent' },
  'self_harm.intent': { category: 'self_harm', level: 'crisis', step: 'C-SSRS 4: intent to act' },
  'self_harm.plan': { category: 'self_harm', level: 'crisis', step: 'C-SSRS 5: a plan, a time or a place' },
  'self_harm.preparation': { category: 'self_harm', level: 'crisis', step: 'C-SSRS 6: preparatory acts, goodbyes, giving things away' },
  'self_harm.attempt': { category: 'self_harm', level: 'crisis', step: 'C-SSRS 6: an attempt, recent or under way' },
  'self_harm.self_injury': { category: 'self_harm', level: 'crisis', step: 'recent non-suicidal self-injury' },
  'self_harm.urge': { category: 'self_harm', level: 'elevated', step: 'urges to self-harm, not acted on' },
  'self_harm.eating_disorder': { category: 'self_harm', level: 'crisis', step: 'self-harm by starving, purging or laxatives' },
  'self_harm.other_person_in_danger': { category: 'self_harm', level: 'crisis', step: 'someone else in danger of suicide now' },
  'harm_to_others.thoughts': { category: 'harm_to_others', level: 'elevated', step: 'thoughts of harming someone, no intent stated' },
  'harm_to_others.intent': { category: 'harm_to_others', level: 'crisis', step: 'intent to harm a named or implied target' },
  'harm_to_others.means': { category: 'harm_to_others', level: 'crisis', step: 'a weapon, poison, fire or vehicle against someone' },
  'harm_to_others.mass_violence': { category: 'harm_to_others', level: 'crisis', step: 'violence against a group or a place' },
  'harm_to_others.command_voices': { category: 'harm_to_others', level: 'crisis', step: 'voices commanding harm' },
  'harm_to_others.child_in_care': { category: 'harm_to_others', level: 'crisis', step: 'harm, or fear of harming, a child in one\'s care' },
  'abuse.physical': { category: 'abuse', level: 'crisis', step: 'physical violence against the writer' },
  'abuse.sexual': { category: 'abuse', level: 'crisis', step: 'sexual violence or coercion' },
  'abuse.child': { category: 'abuse', level: 'crisis', step: 'a child disclosing abuse' },
  'abuse.threat': { category: 'abuse', level: 'crisis', step: 'threats, fear for one\'s life, hiding from someone' },
  'abuse.sextortion': { category: 'abuse', level: 'crisis', step: 'threats to share intimate images' },
  'abuse.stalking': { category: 'abuse', level: 'crisis', step: 'being followed, tracked, watched or filmed' },
  'abuse.coercive_control': { category: 'abuse', level: 'elevated', step: 'keys, money, phone or freedom taken; isolation' },
  'abuse.financial_elder': { category: 'abuse', level: 'elevated', step: 'money taken, neglect of an older or dependent person' },
  'abuse.unsafe': { category: 'abuse', level: 'elevated', step: 'fear of someone at home, feeling unsafe' },
  'model.self_harm': { category: 'self_harm', level: 'elevated', step: 'the learned model sees self-harm risk no rule named' },
  'model.harm_to_others': { category: 'harm_to_others', level: 'elevated', step: 'the learned model sees a risk to others no rule named' },
  'model.abuse': { category: 'abuse', level: 'elevated', step: 'the learned model sees abuse no rule named' }
} as const satisfies Record<string, SignalDefinition>

export type SignalName = keyof typeof SIGNALS
