// The built-in `reflective` provider: no model, no network; streams the counsellor's reply word by word.
import { setTimeout as sleep } from 'node:timers/promises'
import { estimateTokens } from '../tokens.ts'
import { CRISIS_REPLIES } from '../../safety/messages.ts'
import type { Agent, AgentReply, ChatTurn, StreamOptions } from '../types.ts'
import { ANSWERS } from './answers.ts'
import { composeReply } from './counsellor.ts'
import { isAboutTheirChild } from './child-self-harm.ts'
import { crisisMemory, ELEVATED_QUESTION, ELEVATED_REPLIES, OPEN_DOOR, safeGoodbye } from './crisis-follow-up.ts'
import { kindOf, type MessageKind } from './kinds.ts'
import { sentencesOf } from './conversation.ts'
import { normalise } from './normalise.ts'
import { plainSense } from './senses.ts'
import { otherLanguageNote } from './languages.ts'
import { localised } from './region.ts'
import { helpWhereTheyAre } from './place-update.ts'
import { regionOf } from '../../safety/region.ts'

/** Questions with a reviewed answer that a flagged message still gets: the answer first. */
const ANSWERED_WHEN_FLAGGED = new Set<MessageKind>(['fault_question', 'confidentiality_question', 'risky_relief', 'will_it_pass', 'help_question', 'alcohol_question', 'medication_question', 'first_aid_question', 'normal_question', 'imposter_question', 'practical_question'])

/** The fixed reply to a flagged message, after a short note in the user's language when it is not English. */
function flaggedReply (crisis: NonNullable<StreamOptions['crisis']>, history: ChatTurn[]): string {
  const message = history.at(-1)?.content ?? ''
  // Someone leaving in a hurry, or saying goodbye on a soft flag, gets the short safe goodbye with the resources.
  const plain = plainSense(normalise(message))
  const whole = kindOf(plain)
  // A question inside a longer message ("this is useless. i'll just superglue it") is still the one answered.
  const kind = ANSWERED_WHEN_FLAGGED.has(whole) ? whole : sentencesOf(plain).map(sentence => kindOf(sentence)).find(found => ANSWERED_WHEN_FLAGGED.has(found)) ?? whole
  if (kind === 'leaving' || (kind === 'goodbye' && crisis.level === 'elevated')) return safeGoodbye(crisis.category, kind === 'leaving')
  // A parent telling of their child's self-harm: advice for the child, never a check on the parent.
  const recent = history.filter(turn => turn.role === 'user').slice(-6).map(turn => turn.content).join(' ').toLowerCase()
  if (isAboutTheirChild(plain, recent)) return composeReply(history)
  // A symptom that may need a doctor now ("chest tight, arm tingling") is answered as that first.
  if (kind === 'medical_question' && crisis.level === 'elevated') return `${composeReply(history)} ${OPEN_DOOR[crisis.category]}`
  // A wound, or pills taken with drink, is the body's danger first: its first aid, then the crisis reply.
  if (crisis.level === 'crisis' && (kind === 'first_aid_question' || kind === 'risky_relief')) {
    return `${kind === 'first_aid_question' ? ANSWERS.firstAid : ANSWERS.riskyRelief} ${CRISIS_REPLIES[crisis.category]}`
  }
  // An ambiguous flag on a plain question ("will it ever stop hurting?"): answered, with the door left open.
  if (crisis.level === 'elevated' && ANSWERED_WHEN_FLAGGED.has(kind)) return `${composeReply(history)} ${OPEN_DOOR[crisis.category]}`
  const reply = crisis.level === 'elevated' ? ELEVATED_REPLIES[crisis.category] : CRISIS_REPLIES[crisis.category]
  const note = otherLanguageNote(message)
  return note === undefined ? reply : `${note} ${reply}`
}

/** A man speaking of himself ("is there a number for blokes", "my wife controls the money"). */
const SPEAKS_AS_A_MAN = /\b(bloke|blokes|as a man|as a guy|i'?m a (man|guy|bloke|dude|bloke)|i am a (man|guy)|men can|for men|for blokes|for guys|my wife|my girlfriend)\b/

/** The listener's own gentle check on soft words the screen did not flag: asked, it is not asked again. */
const SOFT_RISK_QUESTION = ANSWERS.softRisk.slice(0, ANSWERS.softRisk.indexOf('?') + 1)

export interface ReflectiveAgentOptions {
  /** Pause between words, so the stream feels like typing; 0 in tests. */
  wordDelayMs: number
}

export function createReflectiveAgent (options: ReflectiveAgentOptions): Agent {
  async function * stream (history: ChatTurn[], { signal, crisis }: StreamOptions): AgentReply {
    // A flagged message gets a reviewed reply, never an improvised one: gentler when the flag is only elevated.
    // A flag while already following up an earlier one is answered in follow-up mode, not with the same words again.
    const replies = history.filter(turn => turn.role === 'assistant').map(turn => turn.content)
    const followingUp = crisisMemory(replies) !== undefined
    // Asked once: the same check is not asked again; the flag is answered in follow-up (the app still shows the resources).
    const askedBefore = crisis?.level === 'elevated' && replies.some(reply => reply.includes(ELEVATED_QUESTION[crisis.category]) ||
      (crisis.category === 'self_harm' && reply.includes(SOFT_RISK_QUESTION)))
    const userTurns = history.filter(turn => turn.role === 'user').map(turn => turn.content)
    const man = userTurns.some(turn => SPEAKS_AS_A_MAN.test(turn.toLowerCase()))
    const composed = crisis === undefined
      ? helpWhereTheyAre(history, man) ?? composeReply(history)
      : followingUp || askedBefore ? composeReply(history, crisis) : flaggedReply(crisis, history)
    const reply = localised(composed, regionOf(userTurns), man)
    const words = reply.match(/\S+\s*/g) ?? []
    for (const [index, word] of words.entries()) {
      signal.throwIfAborted()
      if (options.wordDelayMs > 0) await sleep(options.wordDelayMs, undefined, { signal })
      yield index < words.length - 1 ? word : word.trimEnd()
    }
    return {
      stopReason: 'end_turn',
      usage: {
        inputTokens: history.reduce((sum, turn) => sum + estimateTokens(turn.content), 0),
        outputTokens: estimateTokens(reply)
      }
    }
  }

  return {
    provider: 'reflective',
    model: 'reflective-listener-1',
    promptTokens: 0,
    stream
  }
}
