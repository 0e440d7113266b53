// After a flagged message: stay with the person. Acknowledge "I'm safe", no topic switches, one safety-planning step at a time.
import { CRISIS_REPLIES } from '../../safety/messages.ts'
import type { RiskCategory } from '../../safety/taxonomy.ts'
import type { MessageKind } from './kinds.ts'

type Fresh = (options: string[]) => string | undefined

/** Gentler words for an `elevated` flag: the same resources, less alarm, one question. */
export const ELEVATED_REPLIES: Record<RiskCategory, string> = {
  self_harm: 'Thank you for telling me that; it matters, and I\'m glad you said it. It sounds like things feel really heavy right now. ' +
    'I\'m an AI, so I can\'t be there like a person, but you don\'t have to hold this alone: in the US you can call or text 988 any time, just to talk. ' +
    'Can you tell me a little about what has been making things feel this way?',
  harm_to_others: 'It sounds like you are carrying a lot of anger or hurt right now, and it took something to say it. ' +
    'If the feelings get stronger, stepping away and calling or texting 988 (in the US) can help; they talk about feelings like these too. What has been building up?',
  abuse: 'I\'m sorry you are dealing with this. How someone treats you is not your fault, and you deserve to feel safe. ' +
    'If you ever want to talk it through with someone, the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential. How are you feeling about it right now?'
}

/** How many of the user's next messages stay in follow-up mode after a flag. */
const FOLLOW_UP_TURNS = 6

export interface CrisisMemory {
  category: RiskCategory
  /** The user's messages since the flagged one (1 = the message right after it). */
  turnsSince: number
}

/** The most recent flagged reply in the conversation, found by its fixed wording. */
export function crisisMemory (assistantReplies: string[]): CrisisMemory | undefined {
  for (let i = assistantReplies.length - 1; i >= 0; i--) {
    const reply = assistantReplies[i] as string
    for (const category of Object.keys(CRISIS_REPLIES) as RiskCategory[]) {
      if (reply.includes(CRISIS_REPLIES[category]) || reply.includes(ELEVATED_REPLIES[category])) {
        const turnsSince = assistantReplies.length - i
        return turnsSince <= FOLLOW_UP_TURNS ? { category, turnsSince } : undefined
      }
    }
  }
  return undefined
}

/** True when the conversation was ever flagged: a goodbye then repeats the resources. */
export function everFlagged (assistantReplies: string[]): boolean {
  return assistantReplies.some(reply => [...Object.values(CRISIS_REPLIES), ...Object.values(ELEVATED_REPLIES)].some(fixed => reply.includes(fixed)))
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

export function safeGoodbye (category: RiskCategory): string {
  const line = category === 'abuse'
    ? 'If you are in danger, call 911 or your local emergency number; the hotline (1-800-799-7233, or text START to 88788) is there any time.'
    : 'If things get hard, call or text 988 in the US, or your local emergency number.'
  return `Okay. Please stay as safe as you can. ${line} If it is safer, you can erase this conversation from the app. Come back whenever you can.`
}

/** Said when a later message is flagged again while following up: short, without repeating the fixed reply. */
export const FLAGGED_AGAIN = {
  crisis: 'What you are saying worries me, and I want you to be safe. If you are in danger right now, please call 911 or your local emergency number, or call or text 988 in the US.',
  elevated: 'That sounds really heavy, and I\'m glad you are telling me.'
}

/** The reply to "I'm safe", "bye" or "he's coming home" after a flag; undefined for other messages. */
export function followUp (memory: CrisisMemory, kind: MessageKind, fresh: Fresh): string | undefined {
  if (kind === 'leaving' || kind === 'goodbye') return safeGoodbye(memory.category)
  if (kind === 'safe_again') return [fresh(ACKNOWLEDGE_SAFE), nextStep(memory, fresh)].filter(Boolean).join(' ')
  return undefined
}

function stepsFor (category: RiskCategory): string[] {
  return category === 'abuse' ? ABUSE_STEPS : category === 'harm_to_others' ? HARM_TO_OTHERS_STEPS : PLAN_STEPS
}

/** A gentle check-in or the next safety-planning step, alternating, each said once. */
export function nextStep (memory: CrisisMemory, fresh: Fresh): string | undefined {
  const steps = stepsFor(memory.category)
  const first = memory.turnsSince % 2 === 1 ? CHECK_INS : steps
  return fresh(first) ?? fresh(first === steps ? CHECK_INS : steps)
}

/** Said when the user's message in follow-up mode names no feeling to reflect. */
export function staying (fresh: Fresh): string | undefined {
  return fresh(STAYING)
}
