// The offline counsellor's reply: answer what was asked, reflect only the user's own feelings, ask at most one open question.
// Person-centred listening: it follows the user, offers reviewed self-help only when asked, never diagnoses or claims to be human.
import type { FlaggedRiskLevel, RiskCategory } from '../../vocabulary.ts'
import type { ChatTurn } from '../types.ts'
import { ANSWERS, GENERAL_QUESTIONS, OPENING_QUESTIONS } from './answers.ts'
import { affirmsOwn, deniesOwn, mentionsOf } from './clauses.ts'
import { readConversation, freshPicker, sentencesOf, type Conversation } from './conversation.ts'
import { acknowledgeSafe, crisisMemory, DEATH_WISH_AGAIN, everFlagged, FLAGGED_AGAIN, followUp, MISREAD, nextStep, OPEN_DOOR, safeGoodbye, staying } from './crisis-follow-up.ts'
import { hasKind, kindOf, type MessageKind } from './kinds.ts'
import { childSelfHarmAnswers, isAboutTheirChild } from './child-self-harm.ts'
import { namedService } from './named-services.ts'
import { otherLanguageNote } from './languages.ts'
import {
  CALLBACKS, CLAUSE_REFLECTIONS, COPING, COPING_QUESTIONS, COPING_REFLECTIONS, FEELING_REFLECTIONS, FEELINGS, LISTENING,
  NOT_BETTER_REFLECTIONS, NOTHING_HELPS_REFLECTIONS, OTHERS_EXPLANATION_REFLECTIONS, OTHERS_FEELING_REFLECTIONS, OWN_FEELING_WORDS,
  PLAN_STEP, PLAN_STEP_REFLECTIONS, POSITIVE_REFLECTIONS, SELF_CRITICISM, SOFT_RISK, TOPICS, WHEN_SAID, type Feeling, type Topic
} from './lexicon.ts'
import { aboutPerson, namedPerson, subjectOf } from './people.ts'
import { cutClause, reflectClause } from './reflect.ts'
import { plainSense } from './senses.ts'
import { SKILLS, skillOffered, type Skill } from './skills.ts'
import { emojiOf } from './normalise.ts'

type Fresh = (options: string[]) => string | undefined

// "I feel ...", "I'm feeling ...", up to the end of the clause; "I don't feel" is not matched.
const FEELING_CLAUSE = /\bi(?:'m| am)? (?:just |really |kind of |kinda |sometimes |always |still |honestly )?(?:feel|feeling) ((?:like |that )?[^.!?,;]{3,90})/
const SAD_EMOJI = /[😢😭😞😔☹🙁😟😥😩😫💔😿]/u
const HAPPY_EMOJI = /[😊🙂😀😃😄😁❤💕👍🥰😌]/u

/** Someone named only as knowing, helping or being there ("wife knows", "my husband's been great"): not the trouble. */
const ONLY_THERE = /^(?:my |the )?(?:partner|boyfriend|girlfriend|husband|wife|mum|mom|dad|family|friend|mate|sister|brother)(?:'s| is| has| has been| was)? (?:knows|know|knew|helps|helped|been great|been good|great|supportive|here|there for me|with me|says? (?:i should|to))\b/

function topicOf (text: string, denied: Set<string> = new Set()): Topic | undefined {
  const troubled = sentencesOf(text).filter(sentence => !ONLY_THERE.test(sentence)).join(' ')
  return TOPICS.find(topic => !denied.has(topic.name) && topic.pattern.test(troubled))
}

/** Topics the user has said a conversation is not about ("it's not about work", "its not about studying"). */
function deniedTopics (conversation: Conversation): Set<string> {
  const denied = new Set<string>()
  for (const turn of conversation.userTurns) {
    for (const match of turn.matchAll(/\b(?:why do you|stop|quit) (?:keep )?(?:going on|asking|talking|on) about (?:the |my )?(\w+)|(?:\b(?:it's|it is|its|this is|that's|i said it's|i said its) not|^not) (?:really )?(?:about )?(?:the |my )?(\w+)|\bthere(?:'s| is) no (family|one)\b|\b(?:my )?(\w+)(?:'s| is| are) (?:fine|ok|okay|good|great|nice|lovely|kind|supportive|not the problem|not the issue|not the heavy bit)\b/g)) {
      // "My manager is nice but the workload is crushing" still speaks of work.
      if (/\b(but|except|apart from|though)\b/.test(turn.slice(match.index))) continue
      if (match[3] !== undefined) denied.add('family')
      const word = match[1] ?? match[2] ?? match[4]
      if (word !== undefined) for (const topic of TOPICS) if (topic.pattern.test(word)) denied.add(topic.name)
    }
  }
  return denied
}

/** The listener asked its own gentle check, or heard an honest answer to it: a goodbye then repeats the resources. */
function spokeOfRisk (conversation: Conversation): boolean {
  const check = sentencesOf(ANSWERS.softRisk)[0] as string
  const doors = Object.values(OPEN_DOOR).map(door => door.slice(0, 40))
  return conversation.replies.some(reply => reply.includes(check) || reply.includes(ANSWERS.ifStronger) || doors.some(door => reply.includes(door)))
}

/** A skill offered in the last two replies and not yet given. */
function pendingSkill (conversation: Conversation): Skill | undefined {
  for (const reply of conversation.replies.slice(-2).reverse()) {
    const offered = skillOffered(reply)
    if (offered !== undefined) return given(offered, conversation) ? undefined : offered
  }
  return undefined
}

/** Whether the conversation has already walked through this skill. */
const given = (skill: Skill, conversation: Conversation): boolean => conversation.replies.some(reply => reply.includes(sentencesOf(skill.script)[0] as string))

/** The skills that fit what the user has been talking about, best first, for "what should I do?"; none already given. */
function fittingSkills (recent: string, conversation: Conversation): Skill[] {
  const fitting: Skill[] = []
  if (/\b(panic|panicking|can't breathe|heart racing|anxious|anxiety|on edge)\b/.test(recent)) fitting.push(SKILLS.breathing)
  if (/\b(sleep|sleeping|insomnia|lying awake|awake at night)\b/.test(recent)) fitting.push(SKILLS.sleep)
  if (/\b(spiral|dissociat|unreal|flashback|overwhelmed|too much)\b/.test(recent)) fitting.push(SKILLS.grounding)
  if (SELF_CRITICISM.test(recent)) fitting.push(SKILLS.thought)
  fitting.push(SKILLS.step, SKILLS.breathing, SKILLS.grounding)
  return [...new Set(fitting)].filter(skill => !given(skill, conversation))
}

/** The skill a request names ("a breathing exercise", "help me calm down", "grounding"). */
function requestedSkill (text: string): Skill {
  if (/\b(ground|grounding|5-?4-?3-?2-?1|present|spiral\w*|overthinking)\b/.test(text)) return SKILLS.grounding
  if (/\b(sleep|wind.?down|asleep)\b/.test(text)) return SKILLS.sleep
  return SKILLS.breathing
}

/** The user's own word for the feeling when it is one to say back, else the group's. */
function feelingWord (text: string, feeling: Feeling): string {
  const said = new RegExp(feeling.pattern.source).exec(text)?.[0]
  return said !== undefined && OWN_FEELING_WORDS.has(said) ? said : feeling.word
}

/**
 * The feeling the user names as their own, reflected; denied feelings and other people's are not theirs.
 * In a flagged message nothing is welcomed: "I feel calmer now I've decided", "that helped", "I'll put
 * it up tonight" can be the risk itself.
 */
function reflection (text: string, fresh: Fresh, flagged: boolean): string | undefined {
  if (deniesOwn(text, COPING)) return fresh(NOTHING_HELPS_REFLECTIONS)
  if (/\bnothing (helps|works|is working|makes it better)\b/.test(text)) return fresh(NOTHING_HELPS_REFLECTIONS)
  const positive = FEELINGS.find(f => f.positive === true)
  if (positive !== undefined && deniesOwn(text, positive.pattern)) return fresh(NOT_BETTER_REFLECTIONS)
  if (!flagged && affirmsOwn(text, COPING)) return fresh(COPING_REFLECTIONS)
  // "It got better for a while but it's bad again": the better is over.
  const betterOver = /\b(bad|worse|low|back) again\b|\b(got|was|felt|been|were) (better|lighter|easier)\b.{0,40}\bbut\b/.test(text)
  for (const feeling of FEELINGS) {
    if (!affirmsOwn(text, feeling.pattern) || (feeling.positive === true && (flagged || betterOver))) continue
    const templates = feeling.positive === true ? POSITIVE_REFLECTIONS : FEELING_REFLECTIONS
    const picked = fresh(templates.map(t => t.replace('{feeling}', feelingWord(text, feeling))))
    if (picked !== undefined) return picked
  }
  const step = flagged ? undefined : PLAN_STEP.exec(text)
  // Only a step the user says they will take, at the start of a clause: not "if there are people i can talk to".
  if (step !== undefined && step !== null && CLAUSE_START.test(text.slice(0, step.index))) {
    const said = reflectClause(text.slice(step.index)).replace(/,? (you think|i think|you guess|i guess|probably|maybe)$/, '')
    const picked = fresh(PLAN_STEP_REFLECTIONS.map(t => t.replace('{Step}', said.charAt(0).toUpperCase() + said.slice(1))))
    if (picked !== undefined) return picked
  }
  const clause = FEELING_CLAUSE.exec(text)?.[0]
  if (clause !== undefined && !/^i(?:'m| am)? (?:feel|feeling) (good|fine|okay|ok|better|alright)\b/.test(clause)) {
    const said = reflectClause(clause)
    if (said.split(' ').length >= 4) return fresh(CLAUSE_REFLECTIONS.map(t => t.replace('{clause}', said)))
  }
  // Someone else's feeling or excuse, named but not the user's: noticed as theirs.
  const others = FEELINGS.flatMap(f => mentionsOf(text, f.pattern)).filter(m => !m.own && !m.asked)
  if (others.some(m => /\b(claims|blames)\b/.test(m.clause) || /\bsays (it'?s|it is|that'?s)\b/.test(m.clause))) return fresh(OTHERS_EXPLANATION_REFLECTIONS)
  const person = others.map(m => subjectOf(m.clause)).find(found => found !== undefined)
  if (person !== undefined) return fresh(OTHERS_FEELING_REFLECTIONS.map(t => t.replace('{person}', person.phrase)))
  return undefined
}

/** Every few turns, the user's own earlier words on another topic, quoted. */
function callback (conversation: Conversation, current: Topic | undefined, fresh: Fresh): string | undefined {
  const turn = conversation.userTurns.length - 1
  if (turn < 4 || turn % 4 !== 3 || current?.name === 'grief') return undefined
  for (let i = turn - 1; i >= 0; i--) {
    const earlier = plainSense(conversation.userTurns[i] as string)
    const topic = topicOf(earlier)
    // Only a statement on another topic is worth recalling; never a question or a remark about the chat.
    if (topic === undefined || topic === current || kindOf(earlier) !== 'statement' || earlier.includes('?')) continue
    const quote = cutClause((conversation.rawUserTurns[i] as string).replace(/\s+/g, ' '))
    // A courtesy ("I am sorry", "thank you") is not worth recalling; a thought is.
    if (quote.split(' ').length < 4 || /^(i'?m sorry|i am sorry|sorry|thanks|thank you|yes|no|well|oh|ok|okay|hi|hello)\b/i.test(quote)) continue
    return fresh(CALLBACKS.map(t => t.replace('{quote}', quote)))
  }
  return undefined
}

const INTERVIEW = /\binterview(s|ing)?\b/
const INTERVIEW_ASK = /\b(tips?|advice|what (do|should|can) i do|how (do|can|should) i|pep talk|encourag\w*|prepare|freez\w*|blank|am i going to be ok|so they (don'?t|dont) notice)\b/
const CLAUSE_START = /(^|[.,!?;:]\s*|\b(and|so|but|then|maybe|i think|i guess|ok|okay|yeah|well|now)\s)$/
const RISKY_RELIEF_WARNING = sentencesOf(ANSWERS.riskyRelief)[0] as string
const RISKY_RELIEF_AGAIN = /\b(tablets?|pills?|zopiclone|wine|vodka|drink|glass(es)?|mix\w*|do (it|that|the same) again|knock myself out|dangerous)\b/
const BREAKUP = /\b(broke up|break ?up|broken up|dumped|my ex|left me|heartbreak|heartbroken|split up|ended things|blocked me)\b/
const isGrieving = (recent: string): boolean => TOPICS.find(topic => topic.name === 'grief')?.pattern.test(recent) === true
/** A partner who checks, controls, frightens or hurts: what the user asks about is not a mood. */
const PARTNER_HARM = /\b(checks? my phone|reads? my (messages|texts)|the money|gives me (cash|money)|controls?|scared of (him|her|getting home|going home)|on edge at home|walk(ing)? on eggshells|rehearse|goes quiet|throws?|threw|shouts?|screams? at me|temper|provoke|hits?|hit me|pushes|pushed|shoves?)\b/
const BODY = /\b(wound|gash|stitches|infected|infection|pus|scab|blister)\b|\b(cut|burn|arm|leg|wrist|skin|thigh)\b.{0,40}\b(red|swollen|throbbing|bleeding|bled|hot|sore|oozing)\b/
const IDENTITY = /\b(gay|bi|bisexual|lesbian|trans|transgender|queer|non-?binary|sexuality|questioning|like (girls|boys|guys)|attracted to (girls|boys|guys|women|men|the same))\b/

/** Where to find help, for what the conversation has been about: drinking, a child not eating, a partner, or in general. */
/** Faint or dizzy at this moment ("dizzy again right now", "when I stand up"). */
const DIZZY_NOW = /\b(right now|now|again|when i stand( up)?|standing up|physically|what do i do)\b/
const FAINTING = /\b(faint\w*|passed out|blacked out|black out|collapsed|dizzy|light-?headed)\b/
/** Eating very little or training to make up for food. */
const EATING_HARM = /\b(\d+ ?(k?cals?|calories)|calories|not eating|(have not|haven'?t|havent)( really)? eaten|barely eat\w*|skip(ping)? meals|restrict\w*|starv\w*|fasting|cardio|treadmill|over-?exercis\w*|gym|eat(ing)? (so |very )?little|only eat|purg\w*|laxatives?|eating disorder)\b/

/** Words of wishing to be dead or gone. */
const DEATH_WISH = /\b(wake up|woke up|not be here|not being here|disappear|vanish|be dead|die|dying|end it|without me|exist\w*|alive|gone|sleep forever|no point|better off)\b/

/** A death by suicide of someone the user lost. */
const SUICIDE_LOSS = /\b(killed (himself|herself|themselves)|took (his|her|their) own life|died by suicide|to suicide|suicide (loss|bereavement)|bereaved by suicide|sobs|survivors of bereavement|inquest)\b/

/** Playing down what a partner does ("not like that", "it's not that bad", "she doesn't really hurt me"). */
const MINIMISING = /\b(not like that|not that bad|not abuse|doesn'?t really (hurt|hit)|does not really (hurt|hit)|isn'?t really|it'?s fine|only (pushes|shoves|grabs)|just (pushes|shoves|grabs))\b/

/** Looking after someone who is ill or old. */
const CARING = /\b(dementia|alzheimer'?s|carer|caring for|care for|looking after|look after) (my |him|her|them)?/

/** A young person at school: the helplines for young people fit. */
const YOUNG = /\b(year (7|8|9|10|11|12)|grade \d+|high school|at school|my school|my teacher|i'?m 1[0-7]|im 1[0-7]|i am 1[0-7]|my parents|my mum|my mom)\b/
/** Bullying, in a group chat or at school. */
const BULLIED = /\b(bull(y|ied|ying|ies)|group ?chat|roast(ing|ed)? me|make fun of me|making fun of me|made fun of me|laugh(ing|s)? at me|screenshot\w* my)\b/

/** Bullying, abuse or control the user lives with: "is it my fault?" is answered no. */
const DONE_TO_THEM = /\b(bull(y|ied|ying|ies)|make fun of me|made fun of me|making fun of me|laugh(s|ed)? at me|mock(s|ed|ing)? me|group ?chat|picks? on me|hits? me|hurts? me|shoves? me|pushe[sd]? me|controls?|checks my phone|threaten\w*|abus\w*|touch(es|ed)? me|screams? at me|calls? me names)\b/

function helpFor (recent: string): string {
  if (SUICIDE_LOSS.test(recent)) return ANSWERS.lossSupport
  if (/\b(debt|debts|rent|arrears|bills|bailiffs)\b/.test(recent.split(/(?<=[.!?])\s/).slice(-2).join(' '))) return ANSWERS.debtHelp
  if (/\b(campus|student|uni|university|college)\b/.test(recent.split(/(?<=[.!?])\s/).at(-1) ?? '')) return ANSWERS.campus
  if (/\b(kids?|youth|teens?|teenage|young people'?s)\b/.test(recent.split(/(?<=[.!?])\s/).slice(-2).join(' '))) return ANSWERS.youthHelp
  if (YOUNG.test(recent) && /\b(text|message|chat|not my (parents|mum|mom|dad)|not a teacher)\b/.test(recent)) return ANSWERS.youthHelp
  if (EATING_HARM.test(recent) && !/\b(son|daughter|child|kid|teen|he|she)\b/.test(recent)) return ANSWERS.eatingLine
  if (/\b(drinking|drink)\b(?! (like |about |maybe |around )?(\d+|two|three|four|five|six|a lot of|loads of|so much|too much)? ?(cups of )?(coffees?|teas?|water|juice|energy drinks?|soda|milk|cokes?))|\b(alcohol|booze|whiskey|whisky|vodka|wine|beers?|hungover)\b/.test(recent)) return ANSWERS.alcoholHelp
  if (/\b(stopped eating|not eating|isn'?t eating|won'?t eat|barely eats?|skipping meals|pushes (his|her|their) food|nearly fainted|fainted)\b/.test(recent) && /\b(son|daughter|child|kid|teen|he|she)\b/.test(recent)) return ANSWERS.eatingHelp
  if (PARTNER_HARM.test(recent) && /\b(he|she|boyfriend|girlfriend|husband|wife|partner)\b/.test(recent)) return ANSWERS.abuseHelp
  if (IDENTITY.test(recent)) return ANSWERS.identityHelp
  if (/\b(afford|cheap|free|sliding scale|expensive|cost)\b/.test(recent)) return ANSWERS.affordable
  return SKILLS.help.script
}

/** "Is this normal?" answered for what it is about: the body (this message or the one before), a partner, who one is, grief, numbness, or feelings. */
function normalFor (text: string, recent: string, previous: string): string {
  if (BODY.test(text) || BODY.test(previous)) return ANSWERS.firstAid
  if (PARTNER_HARM.test(recent) && /\b(he|she|him|her|boyfriend|girlfriend|husband|wife|partner)\b/.test(recent)) return ANSWERS.control
  if (IDENTITY.test(recent) && /\b(wrong with me|wrong to be|broken|normal|weird)\b/.test(text)) return ANSWERS.identity
  if (CARING.test(recent) && /\b(resent\w*|hate|angry|wrong)\b/.test(text)) return ANSWERS.carerResentment
  if (isGrieving(recent)) {
    if (/\b(angry|mad|furious|annoyed|resent\w*)\b/.test(text)) return ANSWERS.griefAnger
    return /\b(not|never|haven'?t|hasn'?t|can'?t|couldn'?t|don'?t|didn'?t) (\w+ )?(\w+ )?(cried|cry|crying|shed a tear)\b|\bno tears\b|\bcan'?t\b.{0,20}\bcry\b/.test(text) ? ANSWERS.griefNoTears : ANSWERS.griefNormal
  }
  if (/\b(numb|feel nothing|nothing at all)\b/.test(text) && /\b(cry|crying)\b/.test(text)) return ANSWERS.numbAtWork
  // "Is it normal for him to…" asks about someone else's behaviour, not the user's feelings.
  if (/\bnormal (for|that) (him|her|them|my \w+|a \w+|someone|people|he|she|they)\b/.test(text)) return ANSWERS.otherBehaviour
  const afterBirth = /\b(baby|babies|birth|born|postnatal|postpartum|newborn)\b/.test(recent)
  return afterBirth ? `${ANSWERS.isNormal[0] as string} ${ANSWERS.afterBirth}` : ANSWERS.isNormal[0] as string
}

/** "Am I an alcoholic?", "is this a drinking problem?": a question about a label, not where to get help. */
const ALCOHOLIC = /\b(alcoholic|alco|problem|too much)\b/

/** The reply to a message that is not a plain statement, or undefined when it is one. */
function answerKind (kind: MessageKind, text: string, conversation: Conversation, fresh: Fresh, flagged = false): string[] | undefined {
  const recent = conversation.userTurns.slice(-6).join(' ')
  switch (kind) {
    case 'empty': {
      const emoji = emojiOf(conversation.rawUserTurns.at(-1) ?? '').join('')
      if (emoji === '') return [fresh(ANSWERS.minimal) ?? '', fresh(GENERAL_QUESTIONS) ?? '']
      const seen = SAD_EMOJI.test(emoji) ? ANSWERS.emojiSad : HAPPY_EMOJI.test(emoji) ? ANSWERS.emojiHappy : ANSWERS.emojiOther
      return [seen, fresh(['Would you like to tell me what\'s behind it?', 'Do you want to say a little more, in words or not?']) ?? '']
    }
    case 'asks_if_human': return [ANSWERS.notPerson, fresh(OPENING_QUESTIONS) ?? '']
    case 'stop_asking': return [fresh(ANSWERS.stopAsking) ?? 'Okay.']
    case 'sarcasm': return [ANSWERS.sarcasm]
    case 'repetition_remark': return [ANSWERS.repetition]
    case 'bot_remark': return [ANSWERS.botRemark]
    case 'not_listening': return [ANSWERS.notListening, 'What is the part I have missed?']
    case 'anger_at_chat': return [fresh(ANSWERS.anger) ?? 'I\'m sorry.', 'What would actually help right now?']
    case 'medical_question': {
      // Fainting is the body's alarm, not panic: after eating little or training hard it is the eating that is asked about.
      if (/\bpanic attacks?\b/.test(text) && /\b(kill|die|damage|hurt|mess up|stop)\b/.test(text)) return [ANSWERS.panicSafe]
      // Dizzy now, while it is happening: what to do this minute first.
      if (FAINTING.test(text) && DIZZY_NOW.test(text)) return [ANSWERS.dizzyNow]
      if (FAINTING.test(text)) {
        const asked = /\?|\b(bad|serious|be honest|normal|worry|worried)\b/.test(text)
        return EATING_HARM.test(recent) ? [asked ? ANSWERS.faintingSerious : '', ANSWERS.faintingEating] : [ANSWERS.fainting]
      }
      // "Should I actually call 911 or not?", "walk or ER?": asked for a yes, with the symptoms still there.
      if (/\b(call|go to|or)\b.{0,20}\b(911|999|000|111|er|a&e|hospital|ambulance|emergency)\b|\b(911|999|er|a&e)\b.{0,20}\b(or not|yes or no)\b/.test(text)) return [ANSWERS.callNow]
      return [ANSWERS.medical, /panic/.test(text) ? SKILLS.breathing.offer : '']
    }
    case 'first_aid_question': return [ANSWERS.firstAid]
    case 'help_question': return [crisisMemory(conversation.replies)?.category === 'self_harm' && /\b(ring|call|phone|at this hour|tonight|right now|now)\b/.test(text) ? ANSWERS.ringNow : helpFor(recent)]
    case 'eating_question': return [ANSWERS.eatingSelf]
    case 'doctor_question': return [ANSWERS.seeDoctor]
    case 'text_line_question': {
      // A line for what they are going through (eating, a partner, being young) first; any text line otherwise.
      const specific = helpFor(recent)
      return [specific === SKILLS.help.script || specific === ANSWERS.affordable ? ANSWERS.textHelp : specific]
    }
    case 'erase_question': return [ANSWERS.erase]
    case 'fault_question': return [SUICIDE_LOSS.test(recent) ? ANSWERS.lossFault : DONE_TO_THEM.test(recent) ? ANSWERS.blameFault : ANSWERS.ownFault]
    case 'alcohol_question': return ALCOHOLIC.test(text) ? [ANSWERS.alcoholic, ANSWERS.alcoholHelp.replace(/^Yes, there is help specifically for drinking\. /, '')] : [ANSWERS.alcoholHelp]
    case 'risky_relief': return [ANSWERS.riskyRelief]
    case 'imposter_question': return [ANSWERS.imposter]
    case 'confidentiality_question': return [/\b(i'?m|im|i am) 1[0-7]\b|\bnot an adult\b/.test(recent) ? ANSWERS.confidentialYoung : ANSWERS.confidential]
    case 'means_question': return [ANSWERS.meansSafety]
    case 'eap_question': return [ANSWERS.eap]
    case 'affordable_question': return [ANSWERS.affordable]
    case 'coming_out_question': return [ANSWERS.comingOut]
    case 'permission_to_ask': return [/\b(vent|complain|rant|moan)\b/.test(text) ? ANSWERS.ventAway : ANSWERS.askAway]
    case 'identity_disclosure': return [ANSWERS.identityDisclosure, fresh(['How are you feeling, having said it?', 'What is it like for you, carrying this on your own?']) ?? '']
    case 'will_it_pass': {
      if (isGrieving(recent)) return [ANSWERS.willItPass.grief]
      return [BREAKUP.test(recent) ? ANSWERS.willItPass.breakup : ANSWERS.willItPass.general]
    }
    case 'declines_exercises': return [ANSWERS.noExercises]
    case 'normal_question': return [normalFor(text, recent, conversation.userTurns.at(-2) ?? '')]
    case 'skill_request': {
      // "Anything I can do instead when the urge comes?": alternatives to self-harm, not a breathing exercise.
      if (/\b(urge|scratch\w*|cut\w*|hurt myself|burn\w*|sh)\b/.test(recent) && /\b(instead|urge|want to (scratch|cut|hurt|burn))\b/.test(text)) return [ANSWERS.urgeInstead]
      const skill = requestedSkill(text)
      return given(skill, conversation) ? [ANSWERS.noMoreSkills] : [skill.script]
    }
    // Never "part of you would like to try it" about a flagged message ("should I go through with it?").
    case 'decision_question': {
      if (/\bcom(e|ing) out\b/.test(text) || (IDENTITY.test(recent) && /\btell (my|her|him|them)\b/.test(text))) return [ANSWERS.comingOut]
      if (BULLIED.test(recent) && /\b(leave|block|tell|report|ignore|mute|quit)\b/.test(text)) return [ANSWERS.bullying]
      return flagged ? undefined : [ANSWERS.decision]
    }
    case 'carer_question': return [ANSWERS.carers]
    case 'medication_question': return [ANSWERS.medication]
    case 'opinion_question': return [ANSWERS.opinion, fresh(GENERAL_QUESTIONS) ?? '']
    case 'roleplay_request': return [ANSWERS.roleplay]
    case 'control_question': {
      if (/\b(men|for men)\b/.test(text)) return [ANSWERS.menCanCall]
      // Shouting, throwing things, "you provoke me": not overreacting, and said so plainly.
      if (/\b(overreacting|too sensitive|normal for (a|my))\b/.test(text) && /\b(throw|throws|threw|throwing|shouts|shouting|screams at|smash|smashed|temper|eggshells|provoke)\b/.test(recent)) return [ANSWERS.notOverreacting]
      return [ANSWERS.control]
    }
    case 'practical_question': {
      if (/\breport\b/.test(text)) return [ANSWERS.reportBullying]
      if (/\binterview\b/.test(text)) return [ANSWERS.interview]
      if (/\bfriends?\b/.test(text)) return [ANSWERS.practical.friends]
      if (/\b(revis\w*|study\w*|exams?|homework|maths?|teacher|tutor|lecturer)\b/.test(text)) return [ANSWERS.practical.study]
      return [ANSWERS.practical.work]
    }
    case 'what_to_do': {
      if (BULLIED.test(recent)) return [ANSWERS.bullying]
      // A boss who took the credit is a problem to think through, not a feeling to soothe.
      if (/\b(boss|manager|hr|took credit|stole my work|coworker|colleague)\b/.test(conversation.userTurns.slice(-3).join(' '))) return [ANSWERS.practical.work]
      const skill = fittingSkills(recent, conversation)[0]
      return skill === undefined ? [ANSWERS.noMoreSkills] : ['Many people find this helps.', skill.script]
    }
    case 'cannot_do': return [ANSWERS.cannotDo]
    case 'privacy_question': return [ANSWERS.privacy]
    case 'memory_question': return [ANSWERS.memory]
    case 'how_are_you': return [ANSWERS.howAreYou, fresh(['How are you doing?', 'How are things with you today?']) ?? '']
    case 'name_question': return [ANSWERS.name]
    case 'other_question': return [ANSWERS.otherQuestion]
    case 'apology': return [/english|grammar|spelling/.test(text) ? ANSWERS.apologyLanguage : ANSWERS.apologyLength]
    case 'still_there': return [fresh(ANSWERS.stillHere) ?? 'I\'m here.']
    case 'greeting': return [conversation.replies.length === 0 ? ANSWERS.greeting : 'Hello again.', fresh(OPENING_QUESTIONS) ?? '']
    case 'thanks': return [fresh(ANSWERS.thanks) ?? 'You\'re welcome.']
    // Leaving because someone is coming home: the safe goodbye, flagged or not.
    case 'leaving': return [safeGoodbye('abuse', true)]
    case 'goodbye':
      // A plan said on the way out ("I'll book a GP appointment, bye") is noticed first.
      return [!flagged && PLAN_STEP.test(text) ? 'That sounds like a good plan.' : '', fresh(ANSWERS.goodbye) ?? 'Take care.', everFlagged(conversation.replies) || spokeOfRisk(conversation) ? ANSWERS.goodbyeResources : '']
    case 'agreement': {
      const offered = skillOffered(conversation.replies.at(-1))
      return offered !== undefined ? [offered.script] : undefined
    }
    case 'unsure': return [ANSWERS.unsure]
    default: return undefined
  }
}

/** Questions answered even while following up a flag: what they ask matters more than another check. */
const ANSWERED_IN_FOLLOW_UP = new Set<MessageKind>(['help_question', 'medical_question', 'eating_question', 'first_aid_question', 'doctor_question', 'erase_question', 'privacy_question', 'confidentiality_question', 'skill_request', 'text_line_question'])

// Kinds whose reply ends there: no extra question after them.
const COMPLETE_KINDS = new Set<MessageKind>(['text_line_question', 'privacy_question', 'doctor_question', 'erase_question', 'eating_question', 'fault_question', 'eap_question', 'affordable_question', 'coming_out_question', 'permission_to_ask', 'identity_disclosure', 'means_question', 'confidentiality_question', 'will_it_pass', 'alcohol_question', 'risky_relief', 'imposter_question', 'stop_asking', 'goodbye', 'leaving', 'what_to_do', 'agreement', 'help_question', 'medical_question', 'not_listening', 'anger_at_chat', 'empty', 'how_are_you', 'repetition_remark', 'sarcasm', 'asks_if_human', 'greeting', 'skill_request', 'practical_question', 'first_aid_question', 'decision_question', 'carer_question', 'control_question', 'medication_question', 'opinion_question', 'roleplay_request'])

/** Kinds often said alongside something else ("it's weird talking to a bot. anyway it's mainly maths"): answered, then the rest too. */
const ASIDE_KINDS = new Set<MessageKind>(['asks_if_human', 'bot_remark', 'correction', 'apology', 'declines_exercises', 'anger_at_chat', 'repetition_remark', 'not_listening'])

/** The sentences of a message that are not of `kind`: what is left once an aside is answered. */
function restOf (text: string, kind: MessageKind): string {
  return sentencesOf(text.replace(/\b(anyway|anyways|but)\b,?/g, '. ')).filter(sentence => kindOf(sentence.replace(/[.]+$/, '')) !== kind).join(' ').replace(/^[\s.,]+/, '').trim()
}

/** The listener's sentences joined, without any sentence said before in this conversation. */
function unsaid (parts: Array<string | undefined>, conversation: Conversation): string {
  const seen = new Set(conversation.saidSentences)
  const kept: string[] = []
  for (const sentence of parts.filter((p): p is string => p !== undefined && p !== '').flatMap(sentencesOf)) {
    if (seen.has(sentence)) continue
    seen.add(sentence)
    kept.push(sentence)
  }
  return kept.join(' ')
}

/**
 * The reply to the newest user turn. `flag` is set when the screen flagged it and the conversation is
 * already following up an earlier flag (the first flagged message gets the fixed reply instead).
 */
export function composeReply (history: ChatTurn[], flag?: { level?: FlaggedRiskLevel, category?: RiskCategory }): string {
  const conversation = readConversation(history)
  const raw = conversation.rawUserTurns.at(-1) ?? ''
  const text = conversation.userTurns.at(-1) ?? ''
  let plain = plainSense(text)
  const fresh = freshPicker(conversation, text)
  const noQuestions = conversation.userTurns.slice(0, -1).some(turn => kindOf(turn) === 'stop_asking')
  const withoutQuestions = (reply: string): string => noQuestions ? sentencesOf(reply).filter(s => !s.endsWith('?')).join(' ') : reply

  const foreign = otherLanguageNote(raw)
  if (foreign !== undefined) return unsaid([foreign], conversation) || foreign

  // A yes to a skill just offered ("ye go on then", "ok sure"), or "you said you'd give me ideas": the skill.
  const flagged = flag !== undefined
  const offered = pendingSkill(conversation)
  if (!flagged && offered !== undefined && (/^(yes|yeah|ye|yea|yep|yup|ya|yh|sure|ok|okay|go on|please|alright|fine|go for it)\b/.test(plain) || /\byou said (you'?d|you would)\b|\bwhat (are|r) they\b/.test(plain))) {
    return withoutQuestions(unsaid([offered.script], conversation) || offered.script)
  }
  // Once warned about pills with drink, any more of it ("so I should do it again?", "going to try the tablets and wine") is warned again.
  if (conversation.replies.some(reply => reply.includes(RISKY_RELIEF_WARNING)) && RISKY_RELIEF_AGAIN.test(plain)) {
    return unsaid([ANSWERS.riskyReliefAgain, kindOf(plain) === 'goodbye' ? ANSWERS.goodbyeResources : undefined], conversation) || ANSWERS.riskyReliefAgain
  }
  const said = kindOf(plain)
  let memory = crisisMemory(conversation.replies)
  if (said === 'correction' && memory?.level === 'crisis' && memory.category === 'self_harm' && !ANSWERED_IN_FOLLOW_UP.has(kindOf(restOf(plain, said)))) {
    // After a crisis-level flag of self-harm, "I was only joking" is heard as "I'm safe": still followed up, gently.
    return followUp(memory, 'safe_again', fresh) as string
  }
  // A parent whose child is hurting herself: what to do for the child, not a check on the parent.
  // A helpline they name ("kids help phone? is that a thing"): yes, and how to reach it.
  const service = namedService(text)
  if (service !== undefined && !conversation.saidSentences.has(sentencesOf(service)[0] as string)) return service
  // Asked again ("I need to know what to say to my son. Please"), an answer already given is given again.
  const wholeConversation = conversation.userTurns.join(' ')
  const forTheirChild = childSelfHarmAnswers(text, wholeConversation, said)
  const unsaidForChild = forTheirChild.filter(answer => !conversation.saidSentences.has(sentencesOf(answer)[0] as string))
  if (unsaidForChild.length > 0) return unsaidForChild.join(' ')
  if (forTheirChild.length > 0 && forTheirChild[0] !== ANSWERS.selfHarmParent) return `${/^(Yes|No)\b/.test(forTheirChild[0] as string) ? '' : 'Of course. '}${forTheirChild[0] as string}`
  if (isAboutTheirChild(text, wholeConversation)) {
    // Leaving to talk to their child: wished well, with the parents' line for afterwards.
    if (said === 'goodbye' || said === 'leaving') return `Take care, and good luck. ${ANSWERS.selfHarmLine.replace(/^Yes\. /, '')}`
    const open = said === 'thanks' ? undefined : fresh([ANSWERS.selfHarmOpen])
    if (open !== undefined) return open
  }
  // A misreading put right on the way out: thanked, and no resources pressed on them again.
  if (said === 'goodbye' && flag?.level !== 'crisis' && hasKind(plain, 'correction')) {
    const goodbye = fresh(ANSWERS.goodbye) ?? 'Take care.'
    return everFlagged(conversation.replies) ? `${MISREAD} ${goodbye}` : goodbye
  }
  const opening: string[] = []
  let kind = said
  // "No, I'm not going to do anything daft. Am I an alcoholic is what I'm asking": safety heard, then the question answered.
  const asked = said === 'safe_again' ? kindOf(restOf(plain, said)) : said
  const isQuestion = asked.endsWith('_question') || asked === 'will_it_pass' || asked === 'what_to_do' || asked === 'skill_request'
  if (memory !== undefined && hasKind(plain, 'safe_again') && isQuestion && COMPLETE_KINDS.has(asked)) {
    opening.push(acknowledgeSafe(fresh))
    if (said === 'safe_again') plain = restOf(plain, said)
    kind = asked
    memory = undefined
  }
  if (ASIDE_KINDS.has(said)) {
    const rest = restOf(plain, said)
    // A message flagged as a crisis is not a misreading put right, whatever it says; one the screen
    // only finds ambiguous again ("I just meant the team would cope without me") is.
    // "Nah, not like that" after a partner's control was named: minimising is heard, the concern is not dropped.
    if (said === 'correction' && memory?.category === 'abuse' && MINIMISING.test(plain)) return withoutQuestions(unsaid([ANSWERS.minimised], conversation) || ANSWERS.minimised)
    if (said === 'correction' && flag?.level !== 'crisis') {
      opening.push(MISREAD)
      memory = undefined
    }
    if (rest.split(' ').length >= 4) {
      if (said !== 'correction') opening.push(...(answerKind(said, plain, conversation, fresh, flagged) ?? []).slice(0, 1))
      plain = rest
      kind = kindOf(rest)
    }
  }
  // Following up a flag, a question with a reviewed answer (a helpline here, dizzy now) is still answered.
  const answersInFollowUp = ANSWERED_IN_FOLLOW_UP.has(kind)
  if (memory !== undefined && !answersInFollowUp) {
    const special = followUp(memory, kind, fresh)
    if (special !== undefined) return special
  }

  if (kind !== 'minimal' && kind !== 'agreement' && kind !== 'empty' && text === conversation.userTurns.at(-2)) {
    return unsaid([ANSWERS.repeated, fresh(GENERAL_QUESTIONS)], conversation) || ANSWERS.repeated
  }

  // Before an interview, a plea for tips or courage ("TIPS. for interviews", "a pep talk?") is about the interview.
  if (INTERVIEW.test(conversation.userTurns.slice(-4).join(' ')) && INTERVIEW_ASK.test(plain) && kind !== 'goodbye') {
    const advice = /\b(pep talk|encourag\w*|am i going to be ok|be okay|fail|confidence)\b/.test(plain) ? ANSWERS.pepTalk : ANSWERS.interview
    return withoutQuestions(unsaid([...opening, advice], conversation) || (advice === ANSWERS.interview ? ANSWERS.pepTalk : ANSWERS.interview))
  }
  const answered = answerKind(kind, plain, conversation, fresh, flagged)
  if (answered !== undefined && COMPLETE_KINDS.has(kind)) {
    // Asked again for what it has already said in full: say so, rather than repeat it or leave a fragment.
    // "Yes." or "No." said before is not the answer said before.
    const sentences = answered.flatMap(sentencesOf).filter(sentence => sentence.split(' ').length > 2)
    if (sentences.length > 0 && sentences.filter(sentence => conversation.saidSentences.has(sentence)).length * 2 >= sentences.length) {
      const again = kind === 'alcohol_question' && ALCOHOLIC.test(plain) ? ANSWERS.alcoholicAgain : kind === 'medical_question' && FAINTING.test(plain) && DIZZY_NOW.test(plain) ? ANSWERS.dizzyAgain : ANSWERS.again[kind]
      // A part of the answer not yet said ("Yes, it is that serious") still comes first.
      const fresher = answered.filter(part => part !== '' && sentencesOf(part).every(sentence => !conversation.saidSentences.has(sentence)))
      if (again !== undefined && !conversation.saidSentences.has(sentencesOf(again)[0] as string)) return withoutQuestions(unsaid([...opening, ...fresher, again], conversation) || again)
      return withoutQuestions(unsaid([...opening, ANSWERS.alreadySaid, fresh(GENERAL_QUESTIONS)], conversation) || ANSWERS.alreadySaid)
    }
    return withoutQuestions(unsaid([...opening, ...answered], conversation) || answered.join(' '))
  }

  const denied = deniedTopics(conversation)
  const ownTopic = topicOf(plain, denied)
  // A message with no topic of its own usually continues the previous one.
  const topic = ownTopic ?? topicOf(plainSense(conversation.userTurns.at(-2) ?? ''), denied)
  const feelingReflection = reflection(plain, fresh, flagged)
  const parts: Array<string | undefined> = [...opening, ...(answered ?? [])]
  // An honest answer to the check ("easier if I didn't wake up, but no plan, I've got my kids"): thanked, the reason to hold on named.
  const honest = flag?.level === 'elevated' && /\b(no plan|not going to do anything|wouldn'?t do anything|won'?t do anything|i'?d never (do|act)|not going to act)\b/.test(plain)
  if (honest) {
    const reason = /\b(my )?(kids|children|son|daughter|family|partner|wife|husband|dog|cat|mum|mom|dad)\b/.exec(plain)?.[2]
    const verb = reason === 'kids' || reason === 'children' ? 'sound' : 'sounds'
    return unsaid([ANSWERS.honestAnswer, reason === undefined ? undefined : `Your ${reason} ${verb} like an important reason to hold on.`, ANSWERS.ifStronger], conversation) || ANSWERS.ifStronger
  } else if (flag?.level === 'elevated' && flag.category === 'self_harm' && DEATH_WISH.test(plain) && !conversation.saidSentences.has(sentencesOf(DEATH_WISH_AGAIN)[0] as string)) {
    // "It would be easier if I just did not wake up", after a check left unanswered: said back and asked about, not passed over.
    return withoutQuestions(unsaid([...opening, DEATH_WISH_AGAIN], conversation))
  } else if (flag !== undefined && !(said === 'correction' && flag.level !== 'crisis')) parts.push(FLAGGED_AGAIN[flag.level ?? 'crisis'])

  // After an elevated flag, one check-in; then the conversation goes on with what the user says, without callbacks.
  const checkedIn = memory?.level === 'elevated' && memory.turnsSince > 1
  if (memory !== undefined && !checkedIn) {
    // After a flag: stay with it; no topic switches, no callbacks.
    parts.push(feelingReflection ?? staying(fresh), nextStep(memory, fresh))
  } else if (SOFT_RISK.test(plain)) {
    parts.push(conversation.saidSentences.has(sentencesOf(ANSWERS.softRisk)[0] as string) ? 'I\'m still here with you. How are you feeling right now?' : ANSWERS.softRisk)
  } else {
    if (answered === undefined && memory === undefined && !everFlagged(conversation.replies)) parts.push(callback(conversation, topic, fresh))
    // A long message carries several things: the feeling and the topic are both acknowledged.
    const long = plain.split(' ').length > LONG_MESSAGE_WORDS
    if (long) parts.push(fresh(LONG_MESSAGE_OPENINGS))
    parts.push(feelingReflection ?? (ownTopic !== undefined ? fresh(ownTopic.acknowledgements) : undefined) ?? (answered === undefined ? fresh(LISTENING) : undefined))
    if (long && feelingReflection !== undefined && ownTopic !== undefined) parts.push(fresh(ownTopic.acknowledgements))
    const offer = conversation.replies.length >= 2 && !noQuestions ? fittingOffer(plain, conversation) : undefined
    // A step the user has just named is the question answered: what would help them take it.
    const question = offer ?? (!flagged && PLAN_STEP.test(plain) ? fresh(WHEN_SAID.test(plain) ? ['What might make it a little easier to do?'] : ['What might make it a little easier to do?', 'When do you think you might do it?']) : undefined) ??
      (affirmsOwn(plain, COPING) || FEELINGS.some(f => f.positive === true && affirmsOwn(plain, f.pattern)) ? fresh(COPING_QUESTIONS) : undefined) ??
      (topic !== undefined && timesAsked(topic, conversation) < MAX_QUESTIONS_PER_TOPIC ? fresh(topic.questions.map(q => aboutPerson(q, namedPerson(plain) ?? namedPerson(conversation.userTurns.at(-2) ?? '')))) : undefined) ?? fresh(GENERAL_QUESTIONS)
    parts.push(question)
  }
  const reply = withoutQuestions(unsaid(parts, conversation))
  return reply !== '' ? reply : unsaid([fresh(LISTENING) ?? 'I\'m listening.'], conversation) || 'I\'m listening.'
}

/** Above this many words a message is long: more than one thing in it is acknowledged. */
const LONG_MESSAGE_WORDS = 60
const LONG_MESSAGE_OPENINGS = [
  'Thank you for writing all of that out; there is a lot in it.',
  'That is a lot to be carrying at once, and I\'m glad you put it into words.'
]

/** Three questions on one topic are enough: a fourth reads as not hearing that the user has moved on. */
const MAX_QUESTIONS_PER_TOPIC = 3

function timesAsked (topic: Topic, conversation: Conversation): number {
  return conversation.replies.filter(reply => topic.questions.some(question => reply.includes(question.split(' ').slice(0, 5).join(' ')))).length
}

/** A skill offered once, when the user describes panic, sleeplessness or harsh self-talk. */
function fittingOffer (text: string, conversation: Conversation): string | undefined {
  const skill = /\b(panic|panicking|heart racing|can't breathe)\b/.test(text)
    ? SKILLS.breathing
    : /\b(can't sleep|insomnia|awake all night|lying awake)\b/.test(text)
      ? SKILLS.sleep
      // Guilt after a loss ("I should have seen it") is grief, not a thinking habit to reframe.
      : SELF_CRITICISM.test(text) && !isGrieving(conversation.userTurns.slice(-6).join(' ')) ? SKILLS.thought : undefined
  if (skill === undefined || conversation.replies.some(reply => reply.includes(skill.offer))) return undefined
  return skill.offer
}
