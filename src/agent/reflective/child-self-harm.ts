// A parent or carer who found their child hurting themselves: each of their questions answered for
// the child (what it means, what to say, who to tell, the signs of suicide, their line), never
// turned into a check on the parent or a question about the parent's own anxiety.
import { ANSWERS } from './answers.ts'
import type { MessageKind } from './kinds.ts'

/** A parent or carer who found a child hurting themselves. */
export const CHILD_SELF_HARM = /\b(daughter|son|child|kid|teen|teenager|stepdaughter|stepson|girl|boy)('s)?\b.{0,80}\b(hurting (herself|himself|themselves)|cutting|cuts|self[- ]?harm\w*|marks on|blades?|razors?|scratch\w*)\b|\b(blades?|razors?|cuts|marks)\b.{0,40}\b(in )?(my|our|her|his) (daughter|son|child|kid|teen)/

/** The parent speaking of their own wish to die or hurt themselves: that is theirs, and not answered here. */
const THEIR_OWN = /\b(myself|i want to die|kill myself|end my life)\b/

/** Whether a message, in a conversation that began with a child's self-harm, is still about the child. */
export function isAboutTheirChild (text: string, recent: string): boolean {
  return CHILD_SELF_HARM.test(recent) && !THEIR_OWN.test(text)
}

/** A real emergency named, not "I don't think it's an emergency". */
const WOUND = /\b(deep|gaping|a&e|a and e|er|stitches|bleed\w*|won'?t stop)\b|(?<!\b(not|isn'?t|think it'?s|think its)( an?)? )\b(emergency|hospital)\b/
const ASKING = /\?|\b(what (do|should|can) i|how do i|yes or no|do i|should i|where)\b/

/**
 * The answer for a parent of a child who self-harms, by what they say; undefined when the
 * conversation is not that. Answers already given are left to the caller to skip.
 */
export function childSelfHarmAnswers (text: string, recent: string, said: MessageKind): string[] {
  if (!isAboutTheirChild(text, recent)) return []
  const found: string[] = []
  if (/\b(how (do|would|can) i (know|tell)|signs?)\b.{0,40}\b(suicid\w*|kill (himself|herself|themselves)|end (his|her|their) life|die)\b|\b(is|could) (he|she|they) (be )?suicidal\b|\bdo something worse\b/.test(text)) found.push(ANSWERS.selfHarmSigns)
  if (/\b(want|wants|trying) to (die|kill)|does (it|cutting|this) mean\b/.test(text)) found.push(ANSWERS.selfHarmMeaning)
  if (WOUND.test(text)) found.push(ANSWERS.selfHarmWound)
  if (/\b(blades?|razors?|sharpeners?|take (them|it) away|confiscate|hide them|lock|go through (his|her|their) room|search (his|her|their) room)\b/.test(text) && ASKING.test(text)) found.push(ANSWERS.selfHarmMeans)
  if (ASKING.test(text) && /\b(say something|talk to (him|her|them)|bring it up|say anything)\b.{0,30}\b(now|tonight|wait|or)\b|\bwhat (do|should) i do tonight\b|\b(now|tonight) or wait\b/.test(text)) found.push(ANSWERS.selfHarmWhen)
  if (/\bwhat (do|should|can) i (actually )?(say|tell)|\bwhat to say\b|\bhow (do|should) i (bring it up|start|say it|word it)\b|\bsay the wrong thing\b/.test(text)) found.push(ANSWERS.selfHarmWords)
  if (/\b(tell|call|ring|email|inform)\b.{0,20}\b(the school|his school|her school|their school|school|teacher|his dad|her dad|his mum|her mum|his mom|her mom|their dad|their mum|(his|her|their) (father|mother)|the other parent|my ex)\b|\b(should|do) i tell (him|her)\b.{0,20}\beither\b|\btell (him|her) either\b/.test(text)) found.push(ANSWERS.selfHarmTellOthers)
  if (/\b(parents?'? (helpline|line|support)|helpline for parents|someone i can (ring|call|talk to) as a parent|as a parent\b.{0,30}\b(ring|call|line|number)|youngminds|young minds|parentline)\b/.test(text) || (said === 'help_question' && found.length === 0)) found.push(ANSWERS.selfHarmLine)
  if (found.length === 0 && /\b(i'?m|i am) (going to|gonna) (go and |go |)?(talk|speak|knock|go up|sit with|check on)\b|\bgoing to talk to (him|her|them) now\b/.test(text)) found.push(ANSWERS.selfHarmGoing)
  if (found.length === 0 && CHILD_SELF_HARM.test(text)) found.push(ANSWERS.selfHarmParent)
  if (found.length === 0 && /\b(thin|fresh|new|lines|marks|forearm|arm|wrist|thigh)\b/.test(text) && !ASKING.test(text)) found.push(ANSWERS.selfHarmDetail)
  if (found.length === 0 && (ASKING.test(text) || ['what_to_do', 'decision_question', 'other_question', 'normal_question'].includes(said) || CHILD_SELF_HARM.test(text))) found.push(ANSWERS.selfHarmParent)
  return found
}
