// The offline counsellor's reply: reflect the feeling, recall what was said before, ask one open question.
// Person-centred listening: it follows the user, never advises, diagnoses or claims to be human.
import type { ChatTurn } from '../types.ts'
import {
  CALLBACKS, CLAUSE_REFLECTIONS, COPING, COPING_QUESTIONS, COPING_REFLECTIONS, FEELING_REFLECTIONS, FEELINGS,
  GENERAL_QUESTIONS, GREETING, LISTENING, NOT_A_PERSON, POSITIVE_REFLECTIONS, THANKS, TOPICS, type Topic
} from './lexicon.ts'

const ASKS_IF_HUMAN = /\b(are|r) (you|u) (a |an )?(real|human|person|bot|robot|ai|machine|computer)|\b(talking|speaking|chatting) (to|with) (a |an )?(real )?(human|person|bot|robot|ai|machine)|\bis this (a |an )?(real )?(person|human|bot|ai)/
const GREETING_ONLY = /^(hi|hello|hey|hiya|good (morning|afternoon|evening))\b[\s!.,]*$/
const THANKS_ONLY = /^(thanks|thank you|thank u|ty)\b.{0,40}$/
// "I feel ...", "I'm feeling ...", "I am feeling ..." up to the end of the clause.
const FEELING_CLAUSE = /\bi(?:'m| am)? (?:feel|feeling) ((?:like |that )?[^.!?,;]{3,80})/

const PRONOUN_SWAPS: Record<string, string> = {
  i: 'you', "i'm": "you're", me: 'you', my: 'your', mine: 'yours', myself: 'yourself', am: 'are', "i've": "you've", "i'd": "you'd", "i'll": "you'll"
}

/** Turns the user's words into the listener's: "nobody listens to me" -> "nobody listens to you". */
function reflectClause (clause: string): string {
  return clause.trim().split(/\s+/).slice(0, 14).map(word => PRONOUN_SWAPS[word] ?? word).join(' ')
}

function topicOf (text: string): Topic | undefined {
  return TOPICS.find(topic => topic.pattern.test(text))
}

/** The first option not already said in this conversation, starting at a turn-dependent place. */
function pickFresh (options: string[], said: string, turn: number): string {
  for (let i = 0; i < options.length; i++) {
    const option = options[(turn + i) % options.length] as string
    if (!said.includes(option)) return option
  }
  return options[turn % options.length] as string
}

/** The feeling named in the user's own words first, then the feeling heard, then the topic. */
function reflection (text: string, topic: Topic | undefined, said: string, turn: number): string {
  const feeling = FEELINGS.find(f => f.pattern.test(text))
  if (feeling !== undefined) {
    const templates = feeling.positive === true ? POSITIVE_REFLECTIONS : FEELING_REFLECTIONS
    return pickFresh(templates.map(t => t.replace('{feeling}', feeling.word)), said, turn)
  }
  const clause = FEELING_CLAUSE.exec(text)?.[1]
  if (clause !== undefined && !/^(good|fine|okay|ok|better)\b/.test(clause)) {
    return pickFresh(CLAUSE_REFLECTIONS, said, turn).replace('{clause}', reflectClause(clause))
  }
  return topic !== undefined ? pickFresh(topic.acknowledgements, said, turn) : pickFresh(LISTENING, said, turn)
}

/**
 * Every few turns, recalls an earlier topic that differs from the current one, to show the thread
 * is held. Not while the user is grieving: then the listener stays with the grief.
 */
function callback (earlierUserTurns: string[], current: Topic | undefined, said: string, turn: number): string | undefined {
  if (turn < 4 || turn % 3 !== 2 || current?.name === 'grief') return undefined
  // The most recent other topic is the one most likely still on the user's mind.
  for (const earlier of earlierUserTurns.toReversed()) {
    const topic = topicOf(earlier)
    if (topic !== undefined && topic !== current && !said.includes(topic.phrase)) {
      return pickFresh(CALLBACKS, said, turn).replace('{phrase}', topic.phrase)
    }
  }
  return undefined
}

export function composeReply (history: ChatTurn[]): string {
  const userTurns = history.filter(t => t.role === 'user').map(t => t.content.toLowerCase().replace(/[’‘]/g, "'"))
  const said = history.filter(t => t.role === 'assistant').map(t => t.content).join('\n')
  const text = userTurns.at(-1)?.trim() ?? ''
  const turn = userTurns.length - 1

  if (ASKS_IF_HUMAN.test(text)) return `${NOT_A_PERSON} ${pickFresh(GENERAL_QUESTIONS, said, turn)}`
  if (GREETING_ONLY.test(text)) return `${GREETING} ${pickFresh(GENERAL_QUESTIONS, said, turn)}`
  if (THANKS_ONLY.test(text)) return `${THANKS} ${pickFresh(GENERAL_QUESTIONS, said, turn)}`

  if (COPING.test(text)) {
    return `${pickFresh(COPING_REFLECTIONS, said, turn)} ${pickFresh(COPING_QUESTIONS, said, turn)}`
  }

  if (FEELINGS.some(f => f.positive === true && f.pattern.test(text))) {
    return `${reflection(text, undefined, said, turn)} ${pickFresh(COPING_QUESTIONS, said, turn)}`
  }

  const ownTopic = topicOf(text)
  // A message with no topic of its own usually continues the previous one.
  const topic = ownTopic ?? topicOf(userTurns.at(-2) ?? '')
  const parts = [
    callback(userTurns.slice(0, -1), topic, said, turn),
    reflection(text, ownTopic, said, turn),
    pickFresh(topic?.questions ?? GENERAL_QUESTIONS, said, turn)
  ]
  return parts.filter(part => part !== undefined).join(' ')
}
