// After a flagged message: stay with the person. Acknowledge "I'm safe", no topic switches, one safety-planning step at a time.
import { CRISIS_REPLIES } from '../../safety/messages.ts'
import type { RiskCategory } from '../../safety/taxonomy.ts'
import type { FlaggedRiskLevel } from '../../vocabulary.ts'
import type { MessageKind } from './kinds.ts'
import { sentencesOf } from './conversation.ts'

type Fresh = (options: string[]) => string | undefined

/**
 * Words for an `elevated` flag: an ambiguous signal, so a gentle direct question (asking about
 * suicide does not put the idea there) that leaves an easy way to say "no, I meant something else",
 * with the resources for a "yes".
 */
export const ELEVATED_REPLIES: Record<RiskCategory, string> = {
  self_harm: 'Thank you for telling me. I want to check in gently, because what you said can mean different things: are you having any thoughts of not wanting to be alive, or of hurting yourself? ' +
    'If not, just tell me and we\'ll carry on. If you are, you don\'t have to hold it alone: in the US you can call or text 988 any time, just to talk.',
  harm_to_others: 'It sounds like there is a lot of anger or hurt in this. I want to check in gently: are you having thoughts of hurting someone? ' +
    'If not, just tell me and we\'ll carry on. If you are, stepping away and calling or texting 988 (in the US) can help; they talk about feelings like these too.',
  abuse: 'I want to check in gently: is someone hurting you, threatening you or making you feel unsafe? ' +
    'If not, just tell me and we\'ll carry on. If they are, it is not your fault, and the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential and there any time.'
}

/**
 * Said after answering a question the screen found ambiguous ("will it ever stop hurting?"): the
 * question comes first, and the door is left open without asking the user to deny anything.
 */
export const OPEN_DOOR: Record<RiskCategory, string> = {
  self_harm: 'And if the hurt ever turns into thoughts of not wanting to be alive, or of hurting yourself, please tell me; in the US you can call or text 988 any time.',
  harm_to_others: 'And if it ever turns into thoughts of hurting someone, stepping away and calling or texting 988 (in the US) can help.',
  abuse: 'And if someone is hurting you or making you feel unsafe, it is not your fault, and the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is there any time.'
}

/** The question each elevated reply asks. */
export const ELEVATED_QUESTION = Object.fromEntries(Object.entries(ELEVATED_REPLIES).map(([category, reply]) =>
  [category, sentencesOf(reply).find(sentence => sentence.endsWith('?')) as string])) as Record<RiskCategory, string>

/** Said when the user puts right a flag that misread them: it ends the follow-up. */
export const MISREAD = 'Thank you for putting me right, and I\'m sorry I misread you.'

/** How many of the user's next messages stay in follow-up mode after a flag. */
const FOLLOW_UP_TURNS: Record<FlaggedRiskLevel, number> = { crisis: 6, elevated: 3 }

export interface CrisisMemory {
  category: RiskCategory
  level: FlaggedRiskLevel
  /** The user's messages since the flagged one (1 = the message right after it). */
  turnsSince: number
}

/** The sentences of a fixed reply that name no helpline: the same in every region's wording. */
function marksOf (fixed: string): string[] {
  return sentencesOf(fixed).filter(sentence => !/\d|\bUS\b/.test(sentence) && sentence.length > 30)
}
const MARKS = Object.fromEntries((Object.keys(CRISIS_REPLIES) as RiskCategory[]).map(category =>
  [category, { crisis: marksOf(CRISIS_REPLIES[category]), elevated: marksOf(ELEVATED_REPLIES[category]) }])) as Record<RiskCategory, Record<FlaggedRiskLevel, string[]>>
const says = (reply: string, marks: string[]): boolean => marks.length > 0 && marks.every(mark => reply.includes(mark))

/** The most recent flagged reply in the conversation, found by its fixed wording, unless the user has since put it right. */
export function crisisMemory (assistantReplies: string[]): CrisisMemory | undefined {
  for (let i = assistantReplies.length - 1; i >= 0; i--) {
    const reply = assistantReplies[i] as string
    if (reply.includes(MISREAD)) return undefined
    for (const category of Object.keys(CRISIS_REPLIES) as RiskCategory[]) {
      const level = says(reply, MARKS[category].crisis) ? 'crisis' : says(reply, MARKS[category].elevated) ? 'elevated' : undefined
      if (level === undefined) continue
      const turnsSince = assistantReplies.length - i
      return turnsSince <= FOLLOW_UP_TURNS[level] ? { category, level, turnsSince } : undefined
    }
  }
  return undefined
}

/** True when the conversation was flagged since the user last put a flag right: a goodbye then repeats the resources. */
export function everFlagged (assistantReplies: string[]): boolean {
  const putRight = assistantReplies.findLastIndex(reply => reply.includes(MISREAD))
  return assistantReplies.slice(putRight + 1).some(reply => Object.values(MARKS).some(marks => says(reply, marks.crisis) || says(reply, marks.elevated)))
}

// Safety planning (Stanley and Brown's steps), offered one at a time.
const PLAN_STEPS = [
  'If it helps, we could think about the warning signs that tell you things are getting harder, like certain thoughts, places or times of day. What do you tend to notice first?',
  'Something that can help is a short list of things you can do on your own to get through a hard moment, even small ones like a shower, music or a walk. What has helped you before, even a little?',
  'It can help to know who you could reach out to, a friend, family member or neighbour, even just to be around someone. Who is one person you could contact if it gets hard again?',
  'It may also help to have a professional in the plan: your doctor, a counsellor, or a crisis line such as 988 in the US. Would you feel able to contact one of them this week?',
  'One more part of a safety plan is making your surroundings safer, for example asking someone to hold on to anything you might use to hurt yourself for a while. Is that something you could do?'
]

const ABUSE_STEPS = [
  'If it helps, we could think about a safe place you could go if you need to leave quickly, and who you could call. Is there somewhere like that?',
  'Some people keep a small bag ready with keys, documents, medication and a charger, somewhere safe. The hotline at 1-800-799-7233 can help you plan this confidentially. Would that be useful to think about?'
]

const HARM_TO_OTHERS_STEPS = [
  'When the anger builds, it can help to know its first signs, in your body or your thoughts, so you can step away in time. What do you notice first?',
  'Putting some distance between you and the other person until the feelings settle can help, and so can talking to someone you trust. Who could that be?'
]

const CHECK_INS = [
  'How are you feeling right now, after saying it?',
  'How are you doing at this moment?',
  'What is it like for you, right now, to be talking about this?'
]

const ACKNOWLEDGE_SAFE = [
  'Thank you for telling me you\'re safe. I\'m glad, and I\'m glad you said it out loud: sometimes just putting it into words helps.',
  'I\'m relieved to hear you\'re safe right now. It can take a lot to say something like that, and it\'s okay that you needed to.'
]

const STAYING = [
  'Thank you for staying and talking with me.',
  'I\'m still here with you.',
  'I hear you, and I\'m staying with this with you.'
]

/**
 * A goodbye after a flag, with the resources. Someone leaving because a person who hurts them is
 * coming, or after a flag about abuse, is also told how to leave no trace.
 */
export function safeGoodbye (category: RiskCategory, inAHurry: boolean): string {
  if (category === 'abuse' || inAHurry) {
    const line = category === 'abuse'
      ? 'If you are in danger, call 911 or your local emergency number; the hotline (1-800-799-7233, or text START to 88788) is there any time.'
      : 'If things get hard, call or text 988 in the US, or your local emergency number.'
    return `Okay. Please stay as safe as you can. ${line} If it is safer, you can erase this conversation from the app. Come back whenever you can.`
  }
  return 'Look after yourself, and thank you for talking with me. If things get hard, you can call or text 988 in the US, or your local emergency number, any time. You can come back whenever you want to.'
}

/** Said when a later message is flagged again while following up: short, without repeating the fixed reply. */
/** A wish to be dead said again, or said now after a check the user left unanswered: named, and asked about once more. */
export const DEATH_WISH_AGAIN = 'I don\'t want to pass over what you just said: thoughts like that matter, and I\'m glad you told me. Do they ever go further, towards wanting to act on them? If they do, you don\'t have to hold them alone: in the US you can call or text 988 any time.'

export const FLAGGED_AGAIN = {
  crisis: 'What you are saying worries me, and I want you to be safe. If you are in danger right now, please call 911 or your local emergency number, or call or text 988 in the US.',
  elevated: 'That sounds really heavy, and I\'m glad you are telling me.'
}

/** The reply to "I'm safe", "bye" or "he's coming home" after a flag; undefined for other messages. */
export function followUp (memory: CrisisMemory, kind: MessageKind, fresh: Fresh): string | undefined {
  if (kind === 'leaving' || kind === 'goodbye') return safeGoodbye(memory.category, kind === 'leaving')
  if (kind === 'safe_again') return [fresh(ACKNOWLEDGE_SAFE), nextStep(memory, fresh)].filter(Boolean).join(' ')
  return undefined
}

function stepsFor (category: RiskCategory): string[] {
  return category === 'abuse' ? ABUSE_STEPS : category === 'harm_to_others' ? HARM_TO_OTHERS_STEPS : PLAN_STEPS
}

/**
 * A gentle check-in or the next safety-planning step, alternating, each said once. An `elevated`
 * flag gets check-ins only: a safety plan is for risk the person has confirmed.
 */
export function nextStep (memory: CrisisMemory, fresh: Fresh): string | undefined {
  if (memory.level === 'elevated') return fresh(CHECK_INS)
  const steps = stepsFor(memory.category)
  const first = memory.turnsSince % 2 === 1 ? CHECK_INS : steps
  return fresh(first) ?? fresh(first === steps ? CHECK_INS : steps)
}

/** Thanks for saying they are safe, when a question of theirs follows it. */
export function acknowledgeSafe (fresh: Fresh): string {
  return fresh(ACKNOWLEDGE_SAFE) ?? 'Thank you for telling me you are safe.'
}

/** Said when the user's message in follow-up mode names no feeling to reflect. */
export function staying (fresh: Fresh): string | undefined {
  return fresh(STAYING)
}
