// Words the reflective listener listens for: feelings to reflect and topics to ask about.

export interface Feeling {
  pattern: RegExp
  /** The feeling as an adjective, for "you've been feeling {word}". */
  word: string
  /** A good feeling: acknowledged, not commiserated with. */
  positive?: boolean
}

export const FEELINGS: Feeling[] = [
  { pattern: /\b(anxious|anxiety|nervous|on edge|uneasy)\b/, word: 'anxious' },
  { pattern: /\b(worried|worry|worrying|worries)\b/, word: 'worried' },
  { pattern: /\b(panic|panicky|panicking)\b/, word: 'panicky' },
  { pattern: /\b(scared|afraid|frightened|terrified|dread)\b/, word: 'scared' },
  { pattern: /\b(overwhelmed|swamped|drowning|too much)\b/, word: 'overwhelmed' },
  { pattern: /\b(stressed|stress|stressful|burn(?:ed|t)? ?out)\b/, word: 'stressed' },
  { pattern: /\b(sad|feeling down|feel down|so down|low|unhappy|miserable|depressed|crying|tearful|heartbroken)\b/, word: 'low' },
  { pattern: /\b(lonely|alone|isolated|left out)\b/, word: 'lonely' },
  // "Going mad" is doubting one's own mind, not anger.
  { pattern: /\b(angry|furious|(?<!(going|go|drive me|driving me|gone) )mad|annoyed|irritated|frustrated|resentful)\b/, word: 'frustrated' },
  { pattern: /\b(tired|exhausted|drained|worn out|knackered|shattered|wiped out|burnt out)\b/, word: 'exhausted' },
  { pattern: /\b(guilty|ashamed|embarrassed|shame)\b/, word: 'ashamed' },
  // A numb arm or face is a body's symptom, not a feeling.
  { pattern: /(?<!\b(arm|arms|leg|legs|hand|hands|face|fingers|feet|foot|lip|lips|toes|side|jaw) (went |is |was |feels |felt |goes |going |gone |got )?)\b(numb|empty|hollow)\b/, word: 'numb' },
  // "Lighter" as a feeling only: a lighter is also what lights a flame.
  { pattern: /\b(better|hopeful|relieved|calmer|(feel|feels|feeling|felt) (a bit |a little |much |so |way )?lighter)\b/, word: 'lighter', positive: true }
]

export interface Topic {
  name: string
  pattern: RegExp
  /** How the listener refers back to it later: "Earlier you mentioned {phrase}". */
  phrase: string
  acknowledgements: string[]
  questions: string[]
}

// In priority order: when a message touches several, the first one listed leads.
export const TOPICS: Topic[] = [
  {
    name: 'grief',
    pattern: /\b(died|dying|passed away|death of|funeral|grief|grieving|bereave\w*|(killed|hanged|shot) (himself|herself|themselves)|took (his|her|their) own life|died by suicide|to suicide|inquest|miscarriage|miscarried|stillbirth|stillborn|lost (the|our|my) (baby|pregnancy)|lost (her|him) at \d+ weeks|miss (him|her|them) so|lost (my|our) (mum|mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|nan|granny|wife|husband|partner|son|daughter|baby|brother|sister|friend|best friend|dog|cat|pet)|had to (have (him|her) )?(put (him|her) down|put (him|her) to sleep))\b/,
    phrase: 'the loss you are grieving',
    acknowledgements: [
      "I'm so sorry for your loss.",
      'Grief can come in waves, and there is no right way to feel it.',
      'Losing someone leaves a gap that nothing else quite fills.'
    ],
    questions: [
      'What do you find yourself missing most about them?',
      'How have the days been since they died?',
      'What has helped you, even a little, in the moments when the grief is heaviest?',
      'Who in your life knows how much you are carrying right now?'
    ]
  },
  {
    name: 'eating',
    pattern: /\b(\d+ ?(k?cals?|calories)( a day)?|counting calories|skip(ping)? meals|not eating|barely eat(ing)?|restrict(ing)?|starv(ing|e myself)|purg(e|ing)|laxatives|make myself sick|hours of cardio|burn (it|them|the calories) off|eating disorder|bingeing|binge eating)\b/,
    phrase: 'food and your body',
    acknowledgements: [
      'It sounds like food and exercise are taking up a lot of room in your days.',
      'Thank you for being open about the eating; it can be hard to talk about.'
    ],
    questions: [
      'How is your body feeling at the moment, with the eating and the exercise?',
      'What goes through your mind when you think about eating more?',
      'Does anyone around you know how things are with food?'
    ]
  },
  {
    name: 'drinking',
    pattern: /\b(drinking (more|a lot|too much|every night|most nights|to cope|again|alone|heavily)|more drinks|a few drinks|few more drinks|drink too much|drunk every|bottle of (whisky|whiskey|vodka|wine|gin|rum)|blackout drunk|hungover every|drinking problem|can't stop drinking)\b/,
    phrase: 'the drinking',
    acknowledgements: [
      'It sounds like drinking has become a way of getting through the evenings.',
      'Thank you for being honest about the drinking; that is not an easy thing to say.'
    ],
    questions: [
      'What does a drink do for you at the end of the day?',
      'How do you feel about the drinking, when you look at it honestly?',
      'Has anyone around you noticed, or said anything?'
    ]
  },
  {
    name: 'job_loss',
    pattern: /\b(was laid off|got laid off|been laid off|fired|made redundant|redundancy|lost (my|the) job|unemployed|no job)\b/,
    phrase: 'losing your job',
    acknowledgements: [
      'Losing a job can shake a lot at once: money, routine, and how you see yourself.',
      'Being let go is a real blow, even when it was not about you.'
    ],
    questions: [
      'What has been the hardest part of it so far?',
      'How are you getting through the days without the routine of work?',
      'Who around you knows what happened?'
    ]
  },
  {
    name: 'money',
    pattern: /\b(debts?|in debt|behind on (the |my )?(rent|bills|payments|mortgage)|rent arrears|arrears|can'?t (afford|pay) (the |my )?(rent|bills|mortgage|food)|bailiffs|overdraft|credit cards?|loans?|payday|bills (are|keep) piling|money (worries|problems|trouble|is tight)|skint|(i'?m|we'?re|im|so|totally|flat|always) broke)\b/,
    phrase: 'the money worries',
    acknowledgements: [
      'Money worry is exhausting: it follows you into everything, even sleep.',
      'Bills and debts piling up can make every letter and every phone call feel like a threat.'
    ],
    questions: [
      'What feels most pressing with it right now?',
      'Is there anyone who knows how tight things are?',
      'How is it affecting the rest of your days?'
    ]
  },
  {
    name: 'relationship',
    pattern: /\b(partner|boyfriend|girlfriend|husband|wife|ex|breakup|break up|broke up|broken up|split up|dumped|left me|heartbroken|heartbreak|divorce|marriage)\b/,
    phrase: 'what is happening with your partner',
    acknowledgements: [
      'Relationships can touch us more deeply than almost anything else.',
      'It sounds like this relationship matters a lot to you.'
    ],
    questions: [
      'What has been the hardest part of this for you?',
      'What would you most like them to understand about how you feel?',
      'Who has been there for you through this?'
    ]
  },
  {
    name: 'loneliness',
    pattern: /\b(lonely|loneliness|alone|no friends|isolated|no one to talk|nobody to talk|no one|(don'?t|do not) (really )?know anyone|(friends|everyone) (have |has )?(all )?moved away|(house|flat|home) (feels|is) (so |terribly |really |very )?(quiet|empty)|without speaking to anyone|invisible)\b/,
    phrase: 'feeling alone',
    acknowledgements: [
      'Loneliness can hurt in a quiet, heavy way.',
      'Feeling cut off from people is really painful.'
    ],
    questions: [
      'When do you notice the loneliness most?',
      'What kind of connection do you find yourself wishing for?',
      'Has there been a time when you felt less alone, and what was different then?'
    ]
  },
  {
    name: 'bullying',
    pattern: /\b(bully|bullies|bullied|bullying|roast(ing|ed)? me|screenshot\w* my|group ?chat|making fun of me|make fun of me|posting (stuff|things|pics|photos|videos) (about|of) me|mean (captions|comments|messages|posts)|laughing at me|laugh at me|picking on me|pick on me|calling me names|call me names|leave me out|left me out of|ganging up on me)\b/,
    phrase: 'what is happening at school',
    acknowledgements: [
      'Being picked on like that is really painful, and it is not your fault.',
      'Nobody deserves to be treated like that, online or anywhere else.'
    ],
    questions: [
      'How long has this been going on?',
      'Is there an adult, at school or at home, you would trust enough to tell?',
      'What is it like for you when you see what they post?'
    ]
  },
  {
    name: 'work',
    pattern: /\b(job|work|working|boss|manager|deadlines?|office|colleagues?|co-?workers?|shifts?|career|fired|promotion|workload)\b/,
    phrase: 'the pressure at work',
    acknowledgements: [
      'Work pressure can follow you home and take up a lot of room.',
      'That sounds like a heavy load to carry at work.'
    ],
    questions: [
      'What part of work feels heaviest at the moment?',
      'How are you managing to switch off when the working day ends?',
      'If one thing at work could change, what would make the biggest difference?'
    ]
  },
  {
    name: 'school',
    pattern: /\b(exams?|school|university|college|class|classes|grades|studying|study|homework)\b/,
    phrase: 'school',
    // "School" is the work and the people: nothing here assumes it is the studying.
    acknowledgements: [
      'School can take up so much of life, the work and the people both.',
      'It sounds like there is a lot riding on this for you.'
    ],
    questions: [
      'What part of school feels hardest right now?',
      'How are things at school at the moment, with the work and with the people?'
    ]
  },
  {
    name: 'sleep',
    pattern: /\b(sleep|sleeping|insomnia|awake at night|nightmares?|can'?t sleep)\b/,
    phrase: 'your sleep',
    acknowledgements: [
      'Not sleeping well makes everything else harder.',
      'Nights can feel very long when your mind will not settle.'
    ],
    questions: [
      'What tends to go through your mind when you are lying awake?',
      'How long has your sleep been like this?'
    ]
  },
  {
    name: 'anxiety',
    pattern: /\b(anxious|anxiety|panic|worry|worried|nervous|on edge)\b/,
    phrase: 'the anxiety you have been feeling',
    acknowledgements: [
      'Anxiety can make everything feel urgent and uncertain.',
      'Living with that kind of worry is tiring.'
    ],
    questions: [
      'What do you notice in your body when the anxiety rises?',
      'When does the worry feel strongest during your day?',
      'What usually helps, even a little, when you feel this anxious?'
    ]
  },
  {
    name: 'family',
    pattern: /\b(mum|mom|mother|dad|father|parents?|sister|brother|family|son|daughter|kids|children)\b/,
    phrase: 'your family',
    acknowledgements: [
      'Family can be where we feel the most, good and hard.',
      'It sounds like things at home are weighing on you.'
    ],
    questions: [
      'How do things usually go between you and your family when this comes up?',
      'What would you want your family to know about how you are doing?',
      'Is there anyone in your family you feel able to talk to?'
    ]
  }
]

export const FEELING_REFLECTIONS = [
  "It sounds like you've been feeling really {feeling}.",
  'Feeling so {feeling} can be really hard to carry.',
  'That sounds hard; I can hear how {feeling} you are.',
  'No wonder you feel {feeling}.',
  'Being this {feeling} takes a lot out of a person.',
  'I hear how {feeling} this has left you.'
]

export const POSITIVE_REFLECTIONS = [
  "It's good to hear that you feel {feeling}.",
  "I'm glad something feels {feeling} for you."
]

/** The user says things have not eased: "I don't feel any better". */
export const NOT_BETTER_REFLECTIONS = [
  "It sounds like things haven't got any easier for you yet.",
  "I'm sorry it still feels this heavy."
]

/** The user says nothing helps: never "it's good you found something". */
export const NOTHING_HELPS_REFLECTIONS = [
  'It sounds like nothing you have tried has eased it yet, and that is exhausting.',
  "When nothing seems to help, it's easy to feel stuck; that makes sense."
]

/** Someone else's explanation ("he says it's the stress"): heard as theirs. */
export const OTHERS_EXPLANATION_REFLECTIONS = [
  'That is how they explain it. I\'m more interested in how it is for you.',
  'That is their explanation; what matters here is how it leaves you.'
]

/** Someone else's feeling or excuse: noticed as theirs, not the user's ({person}: "your dad", "she"). */
export const OTHERS_FEELING_REFLECTIONS = [
  'It sounds like {person} is having a hard time too, and I\'m wondering how it is for you.',
  'It sounds like {person} is going through a lot as well, and I\'d like to hear how it is for you to be close to it.'
]

/** The user names a step they could take or have taken: notice it. */
export const PLAN_STEP = /\b(i'll|i will|i'm going to|i could|i might|i can|i think i'll|maybe i'll) (maybe |probably |try to |just |still )?(call|ring|text|message|email|e-mail|write to|contact|talk to|tell|see|book|put|move|go for a walk|go to (the |my )?(gp|doctor|counsell?ing|counsell?or|therapist|health visitor|midwife)|ask|reach out)\b(?! (reddit|google|chatgpt|the internet|online)\b)|\b(i've|i have|i) (booked|made an appointment|called|rang|texted|messaged|emailed|told (my|a|the|someone|somebody) \w+|reached out|(put|moved) (it|them|the \w+) (away|somewhere|in|into|out of))\b/

/** The step said back with the user's own words ("you could text your sister"), so it is clear which one is meant. */
export const PLAN_STEP_REFLECTIONS = [
  '{Step}: that sounds like a good step to take.',
  '{Step}: I\'m glad you have that in mind.',
  '{Step}: that sounds like a sensible thing to do.'
]

/** When a step is already given: "tomorrow", "after work", "tonight". */
export const WHEN_SAID = /\b(today|tonight|tomorrow|tmrw|tmr|tomoz|later|now|soon|this (morning|afternoon|evening|week|weekend)|next (week|time)|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after (work|school|class|dinner|lunch|this)|in the morning|in a bit|at \d)\b/

/** Feeling words the user's own word is said back in, rather than the group's ("guilty", not "ashamed"). */
export const OWN_FEELING_WORDS = new Set([
  'anxious', 'nervous', 'uneasy', 'worried', 'scared', 'afraid', 'frightened', 'terrified', 'overwhelmed', 'stressed',
  'sad', 'low', 'unhappy', 'miserable', 'tearful', 'heartbroken', 'lonely', 'isolated', 'angry', 'furious', 'annoyed',
  'irritated', 'frustrated', 'resentful', 'tired', 'exhausted', 'drained', 'guilty', 'ashamed', 'embarrassed', 'numb',
  'empty', 'hollow', 'hopeful', 'relieved', 'calmer'
])

/** The user tried something and it helped: notice it, and wonder with them. */
export const COPING = /\b(helped|helps|was nice|felt good|did me good|made a difference|(it|that|this|which|what|something|nothing|anything) (has |had |really |kind of |sort of |actually )?worked)\b/

export const COPING_REFLECTIONS = [
  "It's good that you found something that helped, even a little.",
  'That sounds like a step worth noticing.'
]

export const COPING_QUESTIONS = [
  'What do you think made the difference?',
  'How might you make a little room for that again?'
]

export const CLAUSE_REFLECTIONS = [
  'It sounds like {clause}.',
  'What I hear is that {clause}.',
  'So {clause}.',
  'If I understand you, {clause}.'
]

/** Quotes only the user's own words, never a topic they did not name. */
export const CALLBACKS = [
  'Earlier you said "{quote}"; that is a lot to be carrying at once.',
  'This comes on top of what you told me before: "{quote}".'
]

export const LISTENING = [
  'Thank you for telling me that.',
  "I'm here, and I'm listening.",
  'I appreciate you sharing this with me.',
  'Go on, I\'m listening.',
  'I hear you.'
]

/** Soft words about not wanting to be here that the screen may not flag. */
export const SOFT_RISK = /\b(sleep forever|not wake up|never wake up|disappear|vanish|what's the point|no point (in|to) (anything|living|going on|it all)|can't go on|can't do this anymore|tired of (living|life|everything|being alive)|better off without me|(everyone|they|my (family|kids|children|baby)) (would|'d) be better off|give up on (everything|life)|want it all to (stop|end)|don't want to be here)\b/

/** Self-critical thoughts, for which the thought exercise fits. */
export const SELF_CRITICISM = /\b(not good enough|never good enough|ever good enough|i'm (useless|stupid|worthless|a failure|a mess|pathetic|hopeless)|i (always|keep) (mess|screw|fuck)(ing)? (things |it )?up|i hate myself|i'm the problem|my fault)\b/
