// "I'm in the UK", said after the listener gave a US number: the same help again, as it is where they are.
import type { ChatTurn } from '../types.ts'
import { regionOf } from '../../safety/region.ts'
import { sentencesOf } from './conversation.ts'
import { localised } from './region.ts'

/** Short enough to be only the place ("we're in the UK", "oh im in australia btw"). */
const MOSTLY_A_PLACE = 10

/** How far back a helpline is still what they are answering. */
const RECENT_REPLIES = 4

/**
 * The sentences of the latest reply with a helpline that read differently where the user now says
 * they are, or undefined when the message is not just a place, or nothing earlier changes with it.
 */
export function helpWhereTheyAre (history: ChatTurn[], man: boolean): string | undefined {
  const latest = history.at(-1)?.content ?? ''
  // A question with a place ("is there an eating disorder helpline? uk") is answered as a question.
  if (latest.split(/\s+/).length > MOSTLY_A_PLACE || latest.includes('?') || /\b(is there|are there|any|who|what|how|where|should|can|could)\b/i.test(latest)) return undefined
  const region = regionOf([latest])
  if (region === undefined || region === 'us') return undefined
  // A reply sent once the place was known is already local: only earlier ones change.
  for (const turn of history.slice(0, -1).filter(turn => turn.role === 'assistant').slice(-RECENT_REPLIES).reverse()) {
    const said = new Set(sentencesOf(turn.content))
    const changed = sentencesOf(localised(turn.content, region, man)).filter(sentence => !said.has(sentence))
    if (changed.length > 0) return `Thank you, that helps. ${changed.join(' ')}`
  }
  return undefined
}
