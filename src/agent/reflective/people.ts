// The people a user names ("my mum", "my boyfriend"), so that a reply can say "your mum" and "her"
// rather than "them", and give someone else's feeling back as theirs.

const RELATIONS = 'mum|mom|mother|dad|father|parents|partner|boyfriend|girlfriend|husband|wife|friend|best friend|boss|manager|sister|brother|son|daughter|kids|children|teacher|grandma|grandmother|nan|granny|grandpa|grandfather|granddad|grandad|colleague|coworker|ex|roommate|flatmate|aunt|uncle|cousin|dog|cat'
const FEMALE = /^(mum|mom|mother|girlfriend|wife|sister|daughter|grandma|grandmother|nan|granny|aunt)$/
const MALE = /^(dad|father|boyfriend|husband|brother|son|grandpa|grandfather|granddad|grandad|uncle)$/
const NAMED = new RegExp(`\\bmy (${RELATIONS})\\b`)
const NAMED_ALL = new RegExp(`\\bmy (${RELATIONS})\\b`, 'g')

export interface Person {
  /** "your mum" */
  phrase: string
  /** "her", "him" or "them" */
  object: string
  /** "she", "he" or "they" */
  subject: string
}

function personOf (relation: string): Person {
  const [object, subject] = FEMALE.test(relation) ? ['her', 'she'] : MALE.test(relation) ? ['him', 'he'] : ['them', 'they']
  return { phrase: `your ${relation}`, object, subject }
}

/** The first person the text names by relation, if any; a friend or a pet is "he" or "she" as the user says. */
export function namedPerson (text: string): Person | undefined {
  const relation = NAMED.exec(text)?.[1]
  if (relation === undefined) return undefined
  const person = personOf(relation)
  if (person.object !== 'them') return person
  if (/\b(he|him|his|he's|he'd)\b/.test(text) && !/\b(she|her|she's|she'd)\b/.test(text)) return { ...person, object: 'him', subject: 'he' }
  if (/\b(she|her|she's|she'd)\b/.test(text) && !/\b(he|him|his|he's|he'd)\b/.test(text)) return { ...person, object: 'her', subject: 'she' }
  return person
}

/** The person a clause is about: one named by relation, else its pronoun, else undefined. */
export function subjectOf (clause: string): Person | undefined {
  const named = [...clause.matchAll(NAMED_ALL)].at(0)?.[1]
  if (named !== undefined) return personOf(named)
  if (/\bshe\b/.test(clause)) return { phrase: 'she', object: 'her', subject: 'she' }
  if (/\bhe\b/.test(clause)) return { phrase: 'he', object: 'him', subject: 'he' }
  return undefined
}

/** A question about someone ("missing most about them") said of the person the user named. */
export function aboutPerson (question: string, person: Person | undefined): string {
  if (person === undefined || person.object === 'them') return question
  return question.replace(/\bthem\b/g, person.object).replace(/\bthey died\b/g, `${person.subject} died`)
}
