// Reviewed replies to messages that are not statements about the user's feelings: questions, remarks about the chat, small talk.

export const ANSWERS = {
  isNormal: [
    'A lot of people feel this way at some point, so you are far from the only one. I can\'t judge what is normal for you or give a diagnosis, ' +
    'but if it has gone on for more than a couple of weeks or gets in the way of your days, a doctor or therapist can help you make sense of it.'
  ],
  medical: 'That sounds frightening. Chest pain or tightness, pain or numbness spreading to an arm or the jaw, trouble breathing, fainting or a racing heart that won\'t settle need a doctor, and I can\'t tell what is happening in your body. ' +
    'If it is happening now or feels severe, call 911 or your local emergency number. Panic attacks can feel very like this, but only a medical check can rule other causes out.',
  cannotDo: 'I can\'t do that: I\'m an offline listener with no internet access, so I can\'t look up the weather, the news or facts. What I can do is listen.',
  privacy: 'This conversation is stored by the service that runs me so the chat can continue, and you can erase it from the app at any time. I\'m an AI, so no person reads along as we talk, and I have no way to contact your parents, your school or anyone else.',
  memory: 'I remember what you have said in this conversation, and nothing from anywhere else.',
  howAreYou: 'I\'m a computer program, so I don\'t have days, good or bad, but thank you for asking.',
  name: 'I don\'t have a name; I\'m the AI listener built into this app.',
  otherQuestion: 'That\'s a fair question, and I\'m not able to answer everything: I\'m an automated listener, not an expert or a therapist.',
  notPerson: 'I\'m not a person: I\'m an AI, a computer program made to listen and reflect back what I hear. I\'m not a therapist and I can\'t replace professional care, but I\'m glad to keep listening.',
  stopAsking: [
    'Okay, no more questions. I\'ll just listen, and you can say as much or as little as you want.',
    'Understood. I\'ll stop asking, and I\'m still here if you want to keep talking.'
  ],
  repetition: 'You\'re right, I have been repeating myself, and I\'m sorry. I\'m a simple automated listener with a limited set of replies, so I won\'t always find fresh words.',
  botRemark: 'You\'re right, I\'m an AI, a program, and not a person. I can\'t understand the way a person would, but I\'m here to listen for as long as it helps.',
  anger: [
    'I\'m sorry; it sounds like I\'ve been getting this wrong, and that is frustrating when you are already struggling.',
    'That\'s fair. I haven\'t been helpful, and I\'m sorry.'
  ],
  notListening: 'I\'m sorry it feels like I\'m not listening. I\'m a program and I can miss things; I want to get it right.',
  sarcasm: 'I\'m sorry this hasn\'t helped. That\'s on me, not you. I\'m a simple automated listener, and a person, such as a counsellor or a helpline, may be able to help in a way I can\'t.',
  thanks: [
    'You\'re welcome.',
    'Any time.',
    'I\'m glad to be here for this.'
  ],
  greeting: 'Hello, I\'m glad you reached out. I\'m an automated listener, a computer program here to hear whatever is on your mind.',
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
  firstAid: 'I\'m a program, not a medic, but the usual first aid is this. For a burn: cool it under cool, not icy, running water for twenty minutes, then cover it loosely with cling film or a clean dressing that won\'t stick; no ice, butter or creams. ' +
    'For a cut: press on it firmly with something clean until the bleeding stops, then cover it. ' +
    'A cut that gapes open, keeps reopening or bleeds through its dressing usually needs closing, and that works best within about a day, so please get it seen today at urgent care or a walk-in clinic; if it will not stop bleeding, go to emergency services. ' +
    'Redness that spreads, heat, swelling, pus or a fever can mean infection and need a doctor soon. Please don\'t close a deep cut with household glue. Nurses and doctors see injuries like this often, and you deserve the same care as anyone.',
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
  carers: 'Yes, there is help for carers, and you are allowed to need it. Their doctor or the local social services can assess what you both need, which can lead to respite care: someone else looking after them for a few hours, a day or longer, so that you get a break. Carers\' organisations and local carers\' centres offer advice, breaks and people who understand, and dementia charities run helplines for families.',
  control: 'What you describe, someone checking your phone, deciding who you see, or holding your money so that you have to ask, is what people who work with domestic abuse call coercive control. It is not a normal part of a loving relationship, and it is not your fault. It happens to men as well as women, and domestic abuse helplines are there for anyone: the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential, and https://findahelpline.com lists others, including ones for men.',
  menCanCall: 'Men can be abused by a partner, yes. Domestic abuse helplines take calls from men too, and you would not be wasting anyone\'s time: what you describe is exactly what they are there for. The National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential, and https://findahelpline.com lists others, including ones for men.',
  supplements: 'I can\'t advise on medicines or supplements, melatonin included: a pharmacist can tell you quickly, and for free, whether it suits you and whether it mixes with anything else you take, and a doctor can help if sleeplessness goes on for weeks.',
  medication: 'I can\'t advise on doses or changes to medication, and it isn\'t safe to change them without asking: please talk to whoever prescribed it, or a pharmacist, before taking more or less; they can usually help quickly. If part of you wants to take more to hurt yourself, please tell me, or call or text 988 in the US, or your local emergency number.',
  opinion: 'I don\'t take sides on politics or religion; I\'m here to listen to how things are for you.',
  roleplay: 'I can\'t pretend to be a therapist or anyone else: I\'m an automated listener, and it wouldn\'t be honest. I can keep listening as myself, though, and help you think about finding a real one if you like.',
  griefNormal: 'Yes: after a loss, crying every day for weeks, or longer, is a very common part of grief, and there is no timetable for it. If it starts to feel as if you can\'t get through your days, a doctor or a bereavement service can help.',
  notOverreacting: 'No, you are not overreacting. Someone throwing things at you or near you, shouting until you walk on eggshells, or telling you that you provoke it, is not a normal part of a relationship, and it is not your fault; things thrown can hurt you. The National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) can help you think it through, confidentially, and if you are ever in danger, call 911 or your local emergency number.',
  otherBehaviour: 'I can\'t judge that from here. But if what someone does frightens you, hurts you or makes you feel small, it matters, whether or not other people put up with it, and it is worth talking through with someone you trust or a helpline.',
  noExercises: 'Fair enough: no exercises. They don\'t fix what you are describing, and I\'m sorry if it sounded as if I thought they would.',
  willItPass: {
    breakup: 'It does ease, honestly: the raw hurt of a breakup usually softens, over weeks and months rather than days, and not in a straight line; some days will be worse again for no clear reason. Right now it can feel endless, and that feeling is part of the hurt, not a forecast.',
    grief: 'There is no set timetable for grief. For most people the sharpest pain softens over months, often with waves around dates and reminders, and the loss becomes something they carry rather than something that floors them every day. If after many months it still stops you getting through your days, a bereavement service or a doctor can help.',
    general: 'Feelings this strong usually do ease, even when that is impossible to imagine from the inside, though rarely in a straight line. If it goes on for weeks and gets in the way of your days, a doctor or counsellor can help it shift.'
  },
  fainting: 'Fainting needs a doctor to look at, even if you feel fine now: please get checked soon, and tell them what happened just before it. If you faint again, hit your head, or have chest pain, a racing heart or trouble breathing, call 911 or your local emergency number.',
  panicSafe: 'No. A panic attack can feel exactly like dying or a heart attack, but it can\'t kill you or damage a healthy heart: it is your body\'s alarm going off at full volume, and it peaks and passes, usually within ten or twenty minutes. If you ever have chest pain that is different, comes with no panic, or doesn\'t pass, get it checked.',
  textHelp: 'Yes. In the US you can text HOME to 741741 (Crisis Text Line), free and any time, about anything that is weighing on you; you don\'t have to be in crisis.',
  dizzyAgain: 'Stay sitting or lying down until it passes, and have a drink and something sugary if you can. Please tell someone near you now that you feel dizzy; if you faint or it gets worse, call 911 or your local emergency number.',
  eatingLine: 'Yes. In the US, the ANAD helpline (1-888-375-7767) is free, and your doctor is a good first step. Eating disorders are common and treatable, and the earlier help comes, the easier it is.',
  dizzyNow: 'Sit or lie down now, with your legs up if you can, and stay there until it passes; then get up slowly. Have a drink and something with sugar in it, like juice or a biscuit, if you can. Tell someone near you now, even just that you feel dizzy. If you faint, hit your head, or have chest pain, a racing heart or trouble breathing, call 911 or your local emergency number.',
  faintingSerious: 'Yes, it is that serious, and you are not overreacting by asking.',
  faintingEating: 'Fainting and being dizzy a lot while eating very little and exercising hard is your body saying it is not getting enough. Please see a doctor this week and tell them about the eating and the exercise too; until then, please don\'t exercise. If you faint again, hit your head, or have chest pain or a racing heart, get urgent help.',
  eatingSelf: 'I can\'t diagnose anyone; only a doctor or an eating disorder specialist can say. But eating very little, exercising hard to make up for food, and fainting are signs worth taking seriously, and asking is not being dramatic. Eating disorders are common and treatable, and the earlier help comes, the easier it is. In the US, the ANAD helpline (1-888-375-7767) is free, and your doctor is a good first step.',
  carerResentment: 'No, it isn\'t wrong. Resentment is one of the most common things carers feel, and it sits alongside love rather than replacing it; it usually means you are carrying too much for too long, not that you care too little.',
  minimised: 'I hear you, and I won\'t push a label on it that doesn\'t fit for you. What you described is still not a normal part of a loving relationship, and it can happen to anyone, men as well as women. You can talk it through with a domestic abuse helpline without deciding anything: the National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential.',
  selfHarmParent: 'Finding that out is frightening, and it is good that you are looking for what to do. Self-harm in young people is usually a way of coping with feelings that are too much, not an attempt to die, but it needs taking seriously. Talk with your child calmly when things are quiet: say what you noticed, that you are not angry, and that you want to help; it is okay to ask directly whether they have thought about ending their life, and asking will not put the idea in their head. Book an appointment with their doctor, who can refer them to young people\'s mental health services, and tell the school\'s pastoral or safeguarding lead. In the US, you can call or text 988 for advice as a parent too.',
  selfHarmMeaning: 'Not necessarily. For most young people self-harm is a way of coping with overwhelming feelings, not a wish to die. It does mean they are struggling and that their risk is higher, so it is worth asking calmly and directly whether they have ever thought about ending their life; asking will not put the idea there.',
  selfHarmMeans: 'Yes, make them harder to reach: lock away medicines, painkillers included, and keep blades out of easy reach. Searching their room in anger, or taking everything away without talking, usually pushes it into hiding, so pair it with the conversation: tell them what you are doing and why.',
  selfHarmWhen: 'It is fine to talk tonight if you feel calm enough; if you are too shaken, a day or two is all right, but not weeks. Choose a private, quiet moment, not straight after a row.',
  selfHarmWords: 'Something simple works: "I saw the marks on your arm. I\'m not angry and you\'re not in trouble. I love you and I want to understand what\'s been going on." Then listen more than you talk, and don\'t ask for a promise to stop. If you cry, that is all right: it shows you care.',
  selfHarmTellOthers: 'Usually yes, but talk with your child first. The school\'s pastoral or safeguarding lead can support them during the day, and it helps if both parents are on the same page, as long as the other parent can respond calmly. Tell your child who you plan to tell and why, and let them have a say in what is shared.',
  selfHarmSigns: 'The most reliable way is to ask, calmly and directly: "Have you had thoughts of ending your life?" Asking does not put the idea there. Warning signs include talking about wanting to die or being a burden, giving things away, looking up ways to die, pulling away from everyone, or a sudden calm after a very low time. If they say yes, or you see those signs, stay with them and get help the same day; if they are in danger now, call 911 or your local emergency number.',
  selfHarmLine: 'Yes. In the US, you can call or text 988 for advice as a parent too. Their doctor can also refer them to young people\'s mental health services.',
  selfHarmDetail: 'Thin, fresh lines on the arm are a common pattern of self-harm in teenagers. It is worrying, and it is something families get through. If they don\'t know you saw, you have a little time to choose a calm moment to talk.',
  selfHarmGoing: 'That\'s brave. Stay calm, tell them you are not angry, and listen more than you talk. Come back afterwards if you want to talk it through.',
  selfHarmOpen: 'It makes sense that this is all you can think about. What would help most right now: what to say to them, who else to tell, or where to get support?',
  selfHarmWound: 'If a cut is deep or gaping, will not stop bleeding after ten minutes of firm pressure, or they have swallowed pills or anything else, go to emergency services now or call 911. For smaller cuts, clean and cover them; their doctor or a pharmacist can advise.',
  debtHelp: 'Yes. Free, confidential debt advice exists, and people who give it see rent and money trouble every day: in the US, a nonprofit credit counselling agency (the NFCC lists them at nfcc.org) can help you make a plan, and calling 211 connects you to local help with rent. Talking to the landlord early, before it grows, usually helps too.',
  seeDoctor: 'It isn\'t dramatic. A doctor is a good first step for burnout, or for feeling low or exhausted for weeks: they can check for physical causes, talk through time off, and point you to talking therapy.',
  callNow: 'Yes. If it is happening now and you are not sure, call 911 or your local emergency number now: you are not wasting anyone\'s time, and they would much rather check. Sit down, and keep breathing slowly while you wait.',
  erase: 'In the app, the option to erase this conversation deletes it from the service for good. If someone might look at your phone, it also helps to clear the notifications and close the tab or the app.',
  reportBullying: 'Yes, you can. Keep screenshots first, as proof, then report the posts and the account in the app itself: every big app has a report option on a post or a chat. Your school can act on it too, even when it happens online. In Australia, the eSafety Commissioner (esafety.gov.au) can have serious cyberbullying of a young person taken down.',
  campus: 'Yes: most universities and colleges have a free counselling service for students. The student services or wellbeing office, or the university website under "counselling", says how to book, and many have same-day or drop-in appointments.',
  bullying: 'You don\'t have to put up with it, and it is not your fault. Things that often help: screenshot what they post, as proof, then mute or leave the chat; you don\'t owe them a place to do this. Report the posts to the app. And tell one adult you trust, even if it is not your parents: a teacher, a school counsellor, an aunt or an older cousin; schools can often deal with it more quietly than people fear.',
  youthHelp: 'Yes. In the US you can text HOME to 741741 (Crisis Text Line) or call or text 988, free and any time; you don\'t have to be in crisis, and they talk with young people about exactly this kind of thing.',
  lossSupport: 'Yes. There are groups and helplines just for people bereaved by suicide, because it is a different kind of grief, with its own questions. In the US, the American Foundation for Suicide Prevention lists suicide loss support groups near you (https://afsp.org), and local hospices often run them too. You don\'t have to wait until you feel ready to speak in a group; many people start by just listening.',
  lossFault: 'I can hear how much that question weighs on you, and it is one almost everyone bereaved by suicide asks. A suicide very rarely comes down to one missed message or one sign; it usually grows out of pain the person was hiding, often most carefully from the people they loved. Not answering a text at night is not the same as causing a death. The guilt you feel is part of how much you cared.',
  blameFault: 'No. Being bullied, hurt, threatened or controlled is never the fault of the person it is done to, whatever you have been told to make you think so.',
  ownFault: 'It sounds like you are being very hard on yourself. What makes you think it might be your fault?',
  griefNoTears: 'No, it isn\'t weird. Many people don\'t cry after a loss, or not for a long time: shock and numbness are common, and grief can come out later, in waves or in other ways. Not crying says nothing about how much you cared.',
  griefAnger: 'Yes, many people feel angry at the person who died, at how it happened or at being left, alongside the sadness. It doesn\'t mean you loved them less; it is one of the ways grief shows up.',
  numbAtWork: 'That pattern is very common in people who hold it together all day, especially in caring work: feeling switched off at work and then crying once you are alone. It doesn\'t mean you are broken; it often means you have been carrying a lot for a long time. If it keeps happening, occupational health, a doctor or a staff support line can help.',
  identity: 'No, there is nothing wrong with you. Being gay, bi, trans, questioning or anything else is a normal part of how people are, not something broken or to be fixed. It is also okay not to have a label yet. If you would like to talk to people who understand, LGBTQ+ youth lines are free and confidential: in the US, the Trevor Project (1-866-488-7386, or text START to 678-678).',
  comingOut: 'That is your choice, on your timing, and there is no deadline. Many people wait until they feel safe, for example until they have somewhere else to stay or someone on their side, if they are worried about how family will react. Telling one trusted person first can help. LGBTQ+ youth lines can talk it through with you: in the US, the Trevor Project (1-866-488-7386, or text START to 678-678).',
  imposter: 'I can\'t judge your work, but what you describe is a very common pattern after a promotion: you were chosen by people who know your work, the juniors come to you, and still it feels like bluffing. One way to test it is to write down the evidence on both sides, the actual mistakes and the actual things that went well, as a friend would see them. Feeling like a fraud is a feeling, not proof.',
  interview: 'A few things help most people before an interview: prepare three short stories about times you handled something well, and say them out loud once; have one or two questions ready to ask them; plan the journey and what you will wear tonight, so the morning is simple. Nerves are normal and interviewers expect them; a slow breath before you go in and pausing before you answer both help. You got the interview, so they already think you could do the job.',
  riskyRelief: 'I\'m glad you wanted some relief, and I\'m worried about how: mixing sleeping tablets or other pills with alcohol, or taking someone else\'s medicine, can slow your breathing dangerously, and driving the next day is not safe. Please don\'t do it again tonight. A pharmacist, a doctor or your local urgent medical line can tell you what is safe, and if you feel very drowsy, confused or have trouble breathing, call emergency services.',
  alcoholic: 'I can\'t diagnose anyone, and the label matters less than what the drinking is doing to you. Drinking most nights, more than you mean to, to get through something hard, is a sign it is worth getting help with, whatever it is called; so is needing more for the same effect, or feeling rough or shaky without it.',
  alcoholicAgain: 'I can\'t give you a yes or no; only someone who can ask you more, like a doctor, can say. What you describe is worth taking seriously either way, and you don\'t need a label to ask for help with it.',
  alcoholHelp: 'Yes, there is help specifically for drinking. If you have been drinking heavily every day, please don\'t stop suddenly on your own: withdrawal can be dangerous, so talk to a doctor first, who can help you cut down safely. In the US, the SAMHSA helpline (1-800-662-4357) is free, confidential and open any time, and can point you to local services; groups like Alcoholics Anonymous or SMART Recovery meet in most places.',
  eatingHelp: 'That is worth acting on. A doctor or family doctor is the best first step for a young person who has stopped eating properly: they can check his physical health, which matters here, and refer him on. If he faints, is very weak or has chest pain, take him to emergency services. Eating disorder charities run helplines for parents too. Staying calm, keeping meals together without battles and letting him know you are on his side all help.',
  abuseHelp: 'Yes. Domestic abuse helplines are there for exactly this, including when you are not sure whether it counts as abuse: they will listen, and you decide what happens next. The National Domestic Violence Hotline (1-800-799-7233, or text START to 88788) is confidential and open any time. If it is safer, you can erase this conversation from the app afterwards.',
  /** Asked again what was answered in full: the answer's core in one or two sentences. */
  again: {
    privacy_question: 'No. Nothing here goes to your parents, your school or anyone else: I have no way to contact anyone, and you can erase the chat from the app.',
    medical_question: 'In short: please get it checked by a doctor soon, and get urgent help if it happens again or gets worse.',
    first_aid_question: 'From what you describe, yes: a cut that gapes, reopens or bleeds through its dressing most likely needs closing or checking, so please get it seen today at urgent care or a walk-in clinic, and at emergency services if it will not stop bleeding.',
    will_it_pass: 'Yes, it does get better, gradually and unevenly, even though it doesn\'t feel that way yet.',
    help_question: 'The quickest ways to a person are your family doctor, or a helpline any time: in the US call or text 988, and https://findahelpline.com lists others.',
    alcohol_question: 'In short: help for drinking is there, and a doctor can help you cut down safely. In the US, the SAMHSA helpline (1-800-662-4357) is free, confidential and open any time, and can point you to local services.'
  } as Partial<Record<string, string>>,
  riskyReliefAgain: 'No, please don\'t: taking those tablets with wine is dangerous, it can slow your breathing while you sleep, and you should not drive while they may still be in your system. If you can\'t sleep tonight, lying awake is miserable but safe. A pharmacist or doctor can help you find something safe for sleep, and if you have already taken them and feel very drowsy or find it hard to breathe, call emergency services.',
  meansSafety: 'Taking them back to a pharmacy, or asking someone you trust to keep them for now, is one of the most protective things you can do while things feel this heavy. Could you do that tomorrow?',
  ringNow: 'You can ring at any hour, and you would not be bothering anyone: it is exactly what they are there for, and in the US you can call or text 988 any time.',
  affordable: 'Lower-cost therapy does exist. Many therapists offer sliding-scale fees for people on low incomes, and directories let you filter for it; community mental-health services and university training clinics, where supervised trainees see people, cost less or nothing; support groups are free. If you have a job, an Employee Assistance Programme usually gives a few free sessions. In the US, the Psychology Today directory or your insurer\'s list shows who is near you.',
  eap: 'Usually, yes: an Employee Assistance Programme is free to you and confidential. It is normally run by an outside company, gives a few sessions by phone, video or in person, and your employer sees only anonymous numbers, not who called. The number is usually on the staff intranet or from HR, and you don\'t have to say why you want it.',
  pepTalk: 'You can do this. They asked to see you because they liked what they read, and nerves tomorrow mean you care, not that you will fail. If your mind goes blank, it is fine to say "Let me think about that for a moment", take a breath, and start with one thing you do know. Shaking hands and a red face show far less than they feel, and interviewers expect nerves; a glass of water and a slow breath out before each answer help.',
  ventAway: 'Of course. Complain away; I\'m listening, and I won\'t try to fix it unless you ask.',
  askAway: 'Of course. I won\'t judge you: ask or say whatever you like.',
  identityDisclosure: 'Thank you for trusting me with that. Saying it for the first time takes courage. There is nothing wrong with you: who you are drawn to is a normal part of who you are, and you can take all the time you need to work it out.',
  identityHelp: 'Yes, there are people who get it. LGBTQ+ youth lines are run by people who understand, free and confidential: in the US, the Trevor Project (1-866-488-7386, or text START to 678-678), which also runs a safe online community for young LGBTQ+ people. Many areas have LGBTQ+ youth groups too, some online.',
  confidentialYoung: 'At 16 or so, in most places you can see a doctor on your own, and what you tell them is usually kept confidential, from your parents too. The exception is if they believe you or someone else is at serious risk; then they may need to involve others, and they would usually tell you first. You can ask at the start what they would have to share.',
  urgeInstead: 'Yes. Things many people use when the urge comes: hold an ice cube or splash cold water on your face, squeeze something hard, draw on your skin with a red pen where you would scratch, or move hard for a few minutes. Another is to wait fifteen minutes first: urges rise and then fall, and each time you ride one out it gets a little easier. At 2am, having one of these ready beside the bed helps.',
  confidential: 'For an adult, what you tell a doctor or nurse is confidential: they don\'t tell your family, your university or your employer. The only exception is when they believe someone is in serious danger, and even then they would usually talk it through with you first.',
  honestAnswer: 'Thank you for answering me honestly. Thoughts like that, without a plan, are something many people live through, and they still matter.',
  ifStronger: 'If they get stronger, or a plan starts to form, please call or text 988 in the US, or your local emergency number, straight away.',
  decision: 'I can\'t decide that for you, and you know your life better than I do. Sometimes it helps to say out loud what draws you towards it and what holds you back. Which of those feels stronger right now?',
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
