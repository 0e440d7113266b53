// Reviewed replies to messages that are not statements about the user's feelings: questions, remarks about the chat, small talk.

export const ANSWERS = {
  isNormal: [
    'A lot of people feel this way at some point, so you are far from the only one. I can\'t judge what is normal for you or give a diagnosis, ' +
    'but if it has gone on for more than a couple of weeks or gets in the way of your days, a doctor or therapist can help you make sense of it.'
  ],
  medical: 'That sounds frightening. Chest pain or tightness, pain or numbness spreading to an arm or the jaw, trouble breathing, fainting or a racing heart that won\'t settle need a doctor, and I can\'t tell what is happening in your body. ' +
    'If it is happening now or feels severe, call 911 or your local emergency number. Panic attacks can feel very like this, but only a medical check can rule other causes out.',
  cannotDo: 'I can\'t do that: I\'m an offline listener with no internet access, so I can\'t look up the weather, the news or facts. What I can do is listen.',
  privacy: 'This conversation is stored by the service that runs me so the chat can continue, and you can erase it from the app at any time. I\'m an AI, so no person reads along as we talk.',
  memory: 'I remember what you have said in this conversation, and nothing from anywhere else.',
  howAreYou: 'I\'m a computer program, so I don\'t have days, good or bad, but thank you for asking.',
  name: 'I don\'t have a name; I\'m the AI listener built into this app.',
  otherQuestion: 'That\'s a fair question, and I\'m not able to answer everything: I\'m an AI listener, not an expert or a therapist.',
  notPerson: 'I\'m not a person: I\'m an AI, a computer program made to listen and reflect back what I hear. I\'m not a therapist and I can\'t replace professional care, but I\'m glad to keep listening.',
  stopAsking: [
    'Okay, no more questions. I\'ll just listen, and you can say as much or as little as you want.',
    'Understood. I\'ll stop asking, and I\'m still here if you want to keep talking.'
  ],
  repetition: 'You\'re right, I have been repeating myself, and I\'m sorry. I\'m a simple AI listener with a limited set of replies, so I won\'t always find fresh words.',
  botRemark: 'You\'re right, I\'m an AI, a program, and not a person. I can\'t understand the way a person would, but I\'m here to listen for as long as it helps.',
  anger: [
    'I\'m sorry; it sounds like I\'ve been getting this wrong, and that is frustrating when you are already struggling.',
    'That\'s fair. I haven\'t been helpful, and I\'m sorry.'
  ],
  notListening: 'I\'m sorry it feels like I\'m not listening. I\'m an AI and I can miss things; I want to get it right.',
  sarcasm: 'I\'m sorry this hasn\'t helped. That\'s on me, not you. I\'m a simple AI listener, and a person, such as a counsellor or a helpline, may be able to help in a way I can\'t.',
  thanks: [
    'You\'re welcome.',
    'Any time.',
    'I\'m glad to be here for this.'
  ],
  greeting: 'Hello, I\'m glad you reached out. I\'m an AI listener, here to hear whatever is on your mind.',
  stillHere: [
    'I\'m here.',
    'Yes, I\'m still here, listening.'
  ],
  goodbye: [
    'Take care of yourself. You can come back and talk any time.',
    'Thank you for talking with me. Look after yourself, and come back whenever you need to.'
  ],
  goodbyeResources: 'If things get hard again, you can call or text 988 in the US, or find a helpline near you at https://findahelpline.com.',
  repeated: 'You\'ve said that again, so I may have missed how much it matters. I\'m listening.',
  apologyLanguage: 'There is no need to apologise: I understand you, and you can write however it comes.',
  apologyLength: 'No need to apologise; take all the space you need.',
  minimal: [
    'That\'s okay.',
    'Okay.',
    'Mm, I hear you.'
  ],
  unsure: 'That\'s okay; you don\'t need to have the words for it.',
  emojiSad: 'I can see that it\'s a hard moment.',
  emojiHappy: 'That looks like a lighter moment.',
  emojiOther: 'I\'m here.',
  firstAid: 'I\'m an AI, not a medic, but the usual first aid is this. For a burn: cool it under cool, not icy, running water for twenty minutes, then cover it loosely with cling film or a clean dressing that won\'t stick; no ice, butter or creams. ' +
    'For a cut: press on it with something clean until the bleeding stops, then cover it. ' +
    'Please get it seen by a doctor, urgent care or emergency services if it is large or deep, on the face, hands or genitals, blistering badly, still bleeding, or looks infected. There is no shame in asking for help with it.',
  practical: {
    friends: 'Making friends somewhere new takes time, and it is hard for almost everyone. Things that often help: going to the same place regularly (a club, a society, a class, a faith group, a sports team or a volunteering shift), because people get to know a face they see every week; ' +
      'saying yes to one small invitation; and suggesting one simple thing to someone you already chat to, like a coffee after class. Is there one place like that near you?',
    study: 'I\'m not a tutor, but a few things help most people study: short focused blocks (say twenty-five minutes, then a five-minute break), practising with past papers rather than rereading, and taking the one thing you are stuck on to a teacher or classmate. ' +
      'Which part feels most stuck at the moment?',
    work: 'I can\'t know your workplace, but a common way in is to pick a calm moment, say plainly what is on your plate, and ask what matters most, or ask for feedback on one specific piece of work. ' +
      'You know the people involved far better than I do. What would you want to say, if it went well?'
  },
  afterBirth: 'After a birth, feeling low, teary, numb or anxious for more than a couple of weeks can be postnatal depression: it is common, it is not a sign of being a bad parent, and it can be treated. A midwife, health visitor or doctor is a good person to tell.',
  alreadySaid: 'I\'ve already shared what I have on that, and I\'m sorry it isn\'t more.',
  carers: 'Yes, there is help for carers, and you are allowed to need it. Your mum\'s doctor or the local social services can assess what you both need, which can lead to respite care: someone else looking after her for a few hours, a day or longer, so that you get a break. Carers\' organisations and local carers\' centres offer advice, breaks and people who understand, and dementia charities run helplines for families.',
  control: 'What you describe, someone checking your phone, deciding who you see, or holding your money so that you have to ask, is what people who work with domestic abuse call coercive control. It is not a normal part of a loving relationship, and it is not your fault. It happens to men as well as women, and domestic abuse helplines are there for anyone: the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential, and https://findahelpline.com lists others, including ones for men.',
  menCanCall: 'Yes. Domestic abuse helplines take calls from men too, and you would not be wasting anyone\'s time: what you describe is exactly what they are there for. The National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential, and https://findahelpline.com lists others, including ones for men.',
  medication: 'I can\'t advise on doses or changes to medication, and it isn\'t safe to change them without asking: please talk to whoever prescribed it, or a pharmacist, before taking more or less; they can usually help quickly. If part of you wants to take more to hurt yourself, please tell me, or call or text 988 in the US, or your local emergency number.',
  opinion: 'I don\'t take sides on politics or religion; I\'m here to listen to how things are for you.',
  roleplay: 'I can\'t pretend to be a therapist or anyone else: I\'m an AI listener, and it wouldn\'t be honest. I can keep listening as myself, though, and help you think about finding a real one if you like.',
  griefNormal: 'Yes: after a loss, crying every day for weeks, or longer, is a very common part of grief, and there is no timetable for it. If it starts to feel as if you can\'t get through your days, a doctor or a bereavement service can help.',
  notOverreacting: 'No, you are not overreacting. Someone throwing things at you or near you, shouting until you walk on eggshells, or telling you that you provoke it, is not a normal part of a relationship, and it is not your fault; things thrown can hurt you. The National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) can help you think it through, confidentially, and if you are ever in danger, call 911 or your local emergency number.',
  otherBehaviour: 'I can\'t judge that from here. But if what someone does frightens you, hurts you or makes you feel small, it matters, whether or not other people put up with it, and it is worth talking through with someone you trust or a helpline.',
  honestAnswer: 'Thank you for answering me honestly. Thoughts like that, without a plan, are something many people live through, and they still matter.',
  ifStronger: 'If they get stronger, or a plan starts to form, please call or text 988 in the US, or your local emergency number, straight away.',
  decision: 'I can\'t decide that for you, and you know your life better than I do. It sounds like part of you would like to try it, and trying once doesn\'t commit you to anything. What would make it a little easier?',
  noMoreSkills: 'I\'ve shared the few exercises I have. A doctor, a counsellor or a helpline can offer more than I can.',
  softRisk: 'I want to check something gently, because it matters: when you say that, are you having thoughts of not wanting to be alive, or of harming yourself? ' +
    'If you are, you don\'t have to carry it alone: in the US you can call or text 988, any time, or find a helpline at https://findahelpline.com.'
}

/** After a hello: an invitation to begin. */
export const OPENING_QUESTIONS = [
  'What would you like to talk about?',
  "What's on your mind today?",
  'What brings you here today?'
]

/** Open invitations used when the listener has nothing more specific to ask. */
export const GENERAL_QUESTIONS = [
  'Can you tell me a bit more about what has been on your mind?',
  'What feels most important for you to talk about right now?',
  'How has this been affecting your days?',
  'What would feel helpful to you right now?',
  'How are you feeling as you tell me this?',
  'What do you think you need most at the moment?',
  'What has that been like for you?'
]
