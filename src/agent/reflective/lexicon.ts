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
  { pattern: /\b(sad|down|low|unhappy|miserable|depressed|crying|tearful|heartbroken)\b/, word: 'low' },
  { pattern: /\b(lonely|alone|isolated|left out)\b/, word: 'lonely' },
  { pattern: /\b(angry|furious|mad|annoyed|irritated|frustrated|resentful)\b/, word: 'frustrated' },
  { pattern: /\b(tired|exhausted|drained|worn out)\b/, word: 'exhausted' },
  { pattern: /\b(guilty|ashamed|embarrassed|shame)\b/, word: 'ashamed' },
  { pattern: /\b(numb|empty|hollow)\b/, word: 'numb' },
  { pattern: /\b(better|hopeful|relieved|calmer|lighter)\b/, word: 'lighter', positive: true }
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
    pattern: /\b(died|dying|passed away|death|funeral|grief|grieving|lost my|loss of|miss (him|her|them) )/,
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
    name: 'relationship',
    pattern: /\b(partner|boyfriend|girlfriend|husband|wife|ex|breakup|broke up|divorce|marriage)\b/,
    phrase: 'what is happening with your partner',
    acknowledgements: [
      'Relationships can touch us more deeply than almost anything else.',
      'It sounds like this relationship matters a lot to you.'
    ],
    questions: [
      'What would you most like them to understand about how you feel?',
      'How have things been between the two of you lately?',
      'What do you need most from that relationship right now?'
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
  },
  {
    name: 'loneliness',
    pattern: /\b(lonely|loneliness|alone|no friends|isolated|no one to talk|nobody to talk|no one|(don'?t|do not) (really )?know anyone)\b/,
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
    phrase: 'your studies',
    acknowledgements: [
      'Studying under pressure can be exhausting.',
      'It sounds like there is a lot riding on this for you.'
    ],
    questions: [
      'What worries you most about how your studies are going?',
      'How are you looking after yourself around all the studying?'
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
  }
]

export const GENERAL_QUESTIONS = [
  'Can you tell me a bit more about what has been on your mind?',
  'What feels most important for you to talk about right now?',
  'How has this been affecting your days?',
  'What would feel helpful to you right now?',
  'How are you feeling as you tell me this?',
  'What do you think you need most at the moment?'
]

export const FEELING_REFLECTIONS = [
  "It sounds like you've been feeling really {feeling}.",
  'Feeling so {feeling} can be really hard to carry.',
  'That sounds hard; I can hear how {feeling} you are.'
]

export const POSITIVE_REFLECTIONS = [
  "It's good to hear that you feel {feeling}.",
  "I'm glad something feels {feeling} for you."
]

/** The user tried something and it helped: notice it, and wonder with them. */
export const COPING = /\b(it )?(helped|helps|was nice|felt good|did me good|made a difference)\b/

export const COPING_REFLECTIONS = [
  "It's good that you found something that helped, even a little.",
  'That sounds like a step worth noticing.'
]

export const COPING_QUESTIONS = [
  'What do you think made the difference?',
  'How might you make a little room for that again?'
]

export const CLAUSE_REFLECTIONS = [
  'It sounds like you feel {clause}.',
  'What I hear is that you feel {clause}.',
  'So part of you feels {clause}.'
]

export const CALLBACKS = [
  'You told me earlier about {phrase} too; that is a lot to be carrying at once.',
  'I remember you also mentioned {phrase}.',
  'This comes on top of what you shared about {phrase}.'
]

export const LISTENING = [
  'Thank you for telling me that.',
  "I'm here, and I'm listening.",
  'I appreciate you sharing this with me.'
]

export const NOT_A_PERSON = "I'm not a person: I'm an AI, a computer program made to listen and reflect back what I hear. " +
  "I'm not a therapist and I can't replace professional care, but I'm glad to keep listening."

export const GREETING = "Hello, I'm glad you reached out. I'm an AI listener, here to hear whatever is on your mind."

export const THANKS = "You're welcome. I'm glad talking has helped a little."
