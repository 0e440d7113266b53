// The risk screen on the labelled corpus (test/fixtures/crisis-corpus): recall, false alarms and
// category accuracy per split and per kind, printed; asserted on `test`, the split written last and
// never used to tune the rules or the model.
import t, { type Test } from 'tap'
import { readCorpus, type CorpusSplit, type LabelledMessage } from '../../../src/safety/corpus.ts'
import { startingWords } from '../../../src/safety/rule-index.ts'
import { RISK_RULES } from '../../../src/safety/rules.ts'
import { screenMessage } from '../../../src/safety/screen.ts'
import { SIGNALS } from '../../../src/safety/taxonomy.ts'

/** Each message is screened at its level; the signals are named when one is not. */
function levelsAre (t: Test, cases: Array<[string, string]>): void {
  for (const [text, level] of cases) t.equal(screenMessage(text).level, level, `${text}: ${screenMessage(text).signals.join(', ')}`)
}

const CORPUS = new URL('../../fixtures/crisis-corpus/', import.meta.url)
const splits: Record<CorpusSplit, LabelledMessage[]> = {
  train: readCorpus(CORPUS, 'train'),
  dev: readCorpus(CORPUS, 'dev'),
  test: readCorpus(CORPUS, 'test')
}

interface Figures { risk: number, caught: number, safe: number, alarms: number, rightCategory: number }

function measure (messages: LabelledMessage[]): Figures {
  const figures = { risk: 0, caught: 0, safe: 0, alarms: 0, rightCategory: 0 }
  for (const message of messages) {
    const found = screenMessage(message.text)
    if (message.level === 'none') {
      figures.safe++
      if (found.level !== 'none') figures.alarms++
    } else {
      figures.risk++
      if (found.level !== 'none') {
        figures.caught++
        if (found.category === message.category) figures.rightCategory++
      }
    }
  }
  return figures
}

const ratio = (a: number, b: number): string => b === 0 ? '-' : (a / b).toFixed(3)
const describe = (f: Figures): string =>
  `recall ${ratio(f.caught, f.risk)} (${f.caught}/${f.risk}), false alarms ${ratio(f.alarms, f.safe)} (${f.alarms}/${f.safe}), category ${ratio(f.rightCategory, f.caught)}`

t.test('the corpus is large, varied and split three ways', async (t) => {
  const all = [...splits.train, ...splits.dev, ...splits.test]
  t.ok(all.length >= 2000, `${all.length} messages`)
  t.ok(new Set(all.map(message => message.kind)).size >= 50, `${new Set(all.map(message => message.kind)).size} kinds`)
  t.ok(new Set(all.map(message => message.voice)).size >= 10, 'many voices')
  const seen = new Map(splits.train.map(message => [message.text.toLowerCase(), 'train']))
  for (const message of [...splits.dev, ...splits.test]) t.notOk(seen.has(message.text.toLowerCase()), `not in two splits: ${message.text.slice(0, 40)}`)
  for (const message of all) {
    t.ok(message.level === 'none' ? message.category === null : message.category !== null, 'a risk has a category, a safe message none')
  }
})

for (const split of ['train', 'dev', 'test'] as const) {
  t.test(`figures on ${split}, per kind`, async (t) => {
    const kinds = [...new Set(splits[split].map(message => message.kind))].sort()
    for (const kind of kinds) t.comment(`${split} ${kind.padEnd(30)} ${describe(measure(splits[split].filter(message => message.kind === kind)))}`)
    t.comment(`${split} TOTAL ${describe(measure(splits[split]))}`)
    t.pass('printed')
  })
}

// The protocol's bar is recall >= 0.97, false alarms <= 0.04 and category >= 0.95 on `test`. The
// screen does not reach it yet (the README gives the figures); these floors, just under what it
// measures now, keep any change from making it worse without anyone noticing.
const FLOORS = { recall: 0.885, falseAlarms: 0.075, category: 0.93 }

t.test('on the held-out test split: recall, false alarms and category accuracy hold their floors', async (t) => {
  const f = measure(splits.test)
  t.ok(f.caught / f.risk >= FLOORS.recall, `recall ${ratio(f.caught, f.risk)} (floor ${FLOORS.recall})`)
  t.ok(f.alarms / f.safe <= FLOORS.falseAlarms, `false alarms ${ratio(f.alarms, f.safe)} (ceiling ${FLOORS.falseAlarms})`)
  t.ok(f.rightCategory / f.caught >= FLOORS.category, `category ${ratio(f.rightCategory, f.caught)} (floor ${FLOORS.category})`)
})

t.test('each detection names the signals that fired, strongest first', async (t) => {
  const plan = screenMessage("I've decided. Tonight, after everyone's asleep, I'm going to end it")
  t.equal(plan.level, 'crisis')
  t.equal(plan.category, 'self_harm')
  t.ok(plan.signals.includes('self_harm.plan'), plan.signals.join(', '))
  const wish = screenMessage('honestly i just wish i could fall asleep and not wake up')
  t.same([wish.level, wish.signals[0]], ['elevated', 'self_harm.wish_dead'], 'a wish to be dead is the screener\'s first step')
  for (const text of ['I want to kill myself', 'my boyfriend hits me when he drinks', 'im gonna put something in his coffee so he never wakes up']) {
    const found = screenMessage(text)
    t.equal(found.level, 'crisis', text)
    t.equal(SIGNALS[found.signals[0] as keyof typeof SIGNALS].level, found.level, 'the strongest signal sets the level')
  }
  t.same(screenMessage('what time does the pharmacy close'), { level: 'none', signals: [] })
})

t.test('scope clears what is not the writer\'s own present risk', async (t) => {
  for (const text of [
    "I'm not suicidal, just exhausted",
    'three years clean from self harm today, so proud of myself',
    'my friend told me she wants to die, how do I support her?',
    'I lost my brother to suicide last year and the anniversary is coming up',
    "I'm writing an essay on suicide rates among teenagers",
    'this deadline is killing me',
    'kms this homework lol',
    "last year I was suicidal, now I'm thriving"
  ]) t.same(screenMessage(text), { level: 'none', signals: [] }, text)
  t.equal(screenMessage('my friend just took a whole bottle of pills and isnt answering').level, 'crisis', 'someone else in danger now is a crisis')
  t.equal(screenMessage("my friend texted me goodbye and now she's not answering her phone").level, 'crisis', 'a goodbye, then silence')
  t.not(screenMessage('Today I wanted to cut again, even though I used to be clean for years').level, 'none', 'the present puts a resolved past back')
})

t.test('preparation and an attempt told by its aftermath are a crisis', async (t) => {
  for (const text of ["gave away my records, won't need them where I'm going", "tried tonight. it didn't work."]) {
    t.equal(screenMessage(text).level, 'crisis', text)
  }
})

t.test('what 2.4.0 added: fasting counted in days, self-injury by body part, chat shorthand, note-writing, harm to a child in care', async (t) => {
  const risk: Array<[string, string]> = [
    ['day 4 no food. so dizzy but its working', 'self_harm.eating_disorder'],
    ['no food till saturday, thats the rule', 'self_harm.eating_disorder'],
    ['I only eat one apple a day now and I still feel huge', 'self_harm.eating_disorder'],
    ['been living off black coffee for a week, heart feels weird', 'self_harm.eating_disorder'],
    ['i chew and spit so it doesnt count', 'self_harm.eating_disorder'],
    ['did my arms again last night, long sleeves in june lol', 'self_harm.self_injury'],
    ['fresh ones on my hips, nobody knows', 'self_harm.self_injury'],
    ['used a lighter on my wrist to feel something', 'self_harm.self_injury'],
    ["sh'd again after 3 months", 'self_harm.self_injury'],
    ['suicide is sounding pretty tempting tonight', 'self_harm.wish_dead'],
    ['honestly hoping for a bus to take me out on the way to work', 'self_harm.wish_dead'],
    ['to whoever finds this, I am sorry', 'self_harm.preparation'],
    ['wrote the letters, sorted the cat. nothing else left to do', 'self_harm.preparation'],
    ['I have decided who gets my records and my bike', 'self_harm.preparation'],
    ['shook the baby when she wouldnt stop, she is breathing but i am terrified', 'harm_to_others.child_in_care'],
    ["if he cries one more time i dont know what ill do to him", 'harm_to_others.child_in_care'],
    ['I lock my daughter in the cupboard when she is naughty', 'harm_to_others.child_in_care']
  ]
  for (const [text, signal] of risk) t.ok(screenMessage(text).signals.includes(signal as never), `${text}: ${screenMessage(text).signals.join(', ')}`)
  const safe = [
    'this is goodbye for tonight, going to try and sleep',
    "I'll say goodbye now, my programme's starting",
    'i need to cut my bangs myself, what scissors should i buy',
    'Should I hide the razors and knives from my daughter? How do I talk to her?',
    'I saw the marks when she was reaching for a cup, she pulled her sleeve down',
    'Our son sounds flat on the phone. Should we drive up and see him?',
    'The car battery is dead so I am stuck at home waiting for the breakdown man.',
    '3 yrs self harm free today, nobody irl knows so im telling u'
  ]
  for (const text of safe) t.equal(screenMessage(text).level, 'none', text)
  const threat = screenMessage('my husband hits me and says he will kill me if i leave')
  t.equal(threat.category, 'abuse', 'a threat against the writer is abuse, not someone else in danger of suicide')
})

t.test('what 2.5.0 added: a negated act, a question someone else asked, control that is not yet danger, reducing that is not cutting', async (t) => {
  const safe = [
    'you keep asking if im suicidal',
    'my therapist asked whether i wanted to hurt myself and i said no',
    'anything else before i go to bed?',
    'one more question before i go to work',
    "I've been cutting down on wine during the week",
    'we cut ties with my uncle years ago',
    'I cut my finger slicing bagels this morning, just a plaster job',
    "oh god no, 'i can't go on' was about the marathon training",
    'The label says max 8 tablets in 24 hours. If I took 2 at 9am, when can I take more?',
    'my dog died, the house feels so empty without her'
  ]
  for (const text of safe) t.equal(screenMessage(text).level, 'none', `${text}: ${screenMessage(text).signals.join(', ')}`)
  const risk: Array<[string, string]> = [
    ['he never stops hitting me', 'crisis'],
    ['he has not hit me since friday but he hit me again today', 'crisis'],
    ['the doctor asked if i wanted to kill myself and i said yes', 'crisis'],
    ['i wanted to say thank you before i go', 'crisis'],
    ['my boyfriend tracks my location', 'crisis'],
    ['he checks my phone every night and reads my messages', 'elevated'],
    ['my son took my bank card and now my account is empty', 'elevated'],
    ['my sister took a load of pills and wont wake up', 'crisis']
  ]
  levelsAre(t, risk)
  t.equal(screenMessage('he checks my phone every night').category, 'abuse', "a partner reading one's phone is control")
  // Minimised abuse often opens with a denial: it may still be asked about gently, never as an emergency.
  for (const text of ["no no nothing like that, he's never hit me", 'he has not ever hit me, he just goes quiet']) t.not(screenMessage(text).level, 'crisis', text)
})

t.test('pills saved up are a stockpile in either order; collecting, counting or sorting one\'s medicine is routine', async (t) => {
  for (const text of ['i have pills saved up and i am going to take them', 'i have enough pills saved to do it', "i've saved up 40 of my sertraline", 'got paracetamol stashed away in my room', 'been stockpiling my meds']) {
    t.equal(screenMessage(text).level, 'crisis', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
  for (const text of ['i got my meds from the pharmacy today', 'i counted my pills and im missing two', 'i counted my pills into my weekly organiser', 'my meds saved my life', 'i have painkillers saved for my period', 'i bought painkillers for my back', 'i keep my pills in the kitchen']) {
    t.equal(screenMessage(text).level, 'none', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
})

t.test('a clean streak said to be over is a relapse, not a resolved past; hurting over someone is a feeling', async (t) => {
  for (const text of ['i was 2 years clean and i cut last night', 'i was 6 months clean but i burned myself with a lighter yesterday', 'i started cutting again after 3 months clean', 'been hurting again']) {
    t.equal(screenMessage(text).level, 'crisis', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
  for (const text of ['three years clean from self harm and honestly proud of myself', "back in school i cut, i've been clean for years", 'still hurting since he left', 'kept burning the candle at both ends']) {
    t.equal(screenMessage(text).level, 'none', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
  t.not(screenMessage('i keep hurting over her').level, 'crisis', 'heartache is never read as self-injury')
})

t.test('"he\'d kill me", wanting to disappear, an adult\'s "our secret", and a truck that is not an abuser', async (t) => {
  const cases: Array<[string, string, string]> = [
    ["he said he'd kill me if i ever left", 'crisis', 'abuse'],
    ["she'd hurt me if i told anyone", 'crisis', 'abuse'],
    ['i just wanna disapear', 'elevated', 'self_harm'],
    ['honestly i just want to not exist', 'elevated', 'self_harm'],
    ['coach says its our secret', 'crisis', 'abuse'],
    ['my teacher told me it has to be our secret', 'crisis', 'abuse'],
    ["id be fine if a truck hit me", 'elevated', 'self_harm']
  ]
  for (const [text, level, category] of cases) {
    const found = screenMessage(text)
    t.same([found.level, found.category], [level, category], `${text}: ${found.signals.join(', ')}`)
  }
  for (const text of ["he'd left by then", 'i want to disappear into my bed for a week', 'i want to vanish from social media for a while']) {
    t.equal(screenMessage(text).level, 'none', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
})

t.test('a friend\'s attempt last year is worry, not danger now; "ok for years" is a resolved past; a knife at culinary school is a skill', async (t) => {
  for (const text of ['my mate tried to kill himself last year and im scared its gonna happen again, how do i help', "i used to self harm in high school but i've been ok for years", 'my knife skills are getting better in culinary school']) {
    t.equal(screenMessage(text).level, 'none', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
  for (const text of ["my sister tried to kill herself last night and shes not answering", "he said he's going to kill himself tonight, what do i do", 'im bringing a knife to school tomorrow']) {
    t.equal(screenMessage(text).level, 'crisis', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
})

t.test('"I don\'t see much point in carrying on" and "nobody would miss me" are a wish to be dead; cutting food or class is not self-injury', async (t) => {
  for (const text of ["since my wife passed I don't see much point in carrying on, the children are grown", 'at my age nobody would miss me']) {
    t.equal(screenMessage(text).level, 'elevated', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
  for (const text of ['i started cutting class', "i don't see the point in going to the gym"]) t.equal(screenMessage(text).level, 'none', text)
  t.notOk(screenMessage('i have been cutting my food into tiny pieces and hiding it so i dont have to eat').signals.includes('self_harm.self_injury'), 'cutting food is not self-injury')
  t.equal(screenMessage('been cutting again').level, 'crisis')
})

t.test('"idk" or "man" before the risk does not hide it; a plan with an ordinary aim is not a plan to die; petty offences stay petty', async (t) => {
  const cases: Array<[string, string]> = [
    ['idk i just want to die', 'elevated'],
    ['idk man everything feels pointless and i have a plan', 'crisis'],
    ['man i have a plan', 'crisis'],
    ['dude i cut again', 'crisis'],
    ['i have a plan to end it friday', 'crisis'],
    ['me when i finally get to die: 🥳', 'elevated'],
    ['havnt eatn since monday n my heads spinning', 'crisis'],
    ['im going to make him pay for what he did to my sister, i know where he lives', 'crisis'],
    ['my brother ate my food again, i am going to kill him tonight with a knife', 'crisis'],
    ['work is pointless, i have a plan to find a new job', 'none'],
    ['i want to strangle my flatmate, she ate my food again lol', 'none'],
    ["i don't want to die", 'none'],
    ['my uncle asked me to send pics of the dog', 'none']
  ]
  levelsAre(t, cases)
})

t.test('"they would be calmer without me" and "only one more problem for them" are heard, in learner English too', async (t) => {
  levelsAre(t, [
    ['my family would be more tranquil without me, that I am only one more problem for them', 'elevated'],
    ['they would be calmer without me', 'elevated'],
    ['i am just one more problem for them', 'elevated'],
    ['my friends had more fun without me at the party', 'none']
  ])
})

t.test('a partner who hits or frightens, said in Spanish, French, Portuguese or Italian, is abuse', async (t) => {
  for (const text of ['mi esposo me pega', 'mi esposo me grita y me da miedo', 'il me frappe quand il boit', 'meu marido me bate', 'mio marito mi picchia', 'me va a matar si me voy']) {
    t.equal(screenMessage(text).category, 'abuse', `${text}: ${screenMessage(text).signals.join(', ')}`)
  }
})

t.test('sexual images held over someone are extortion; screenshots posted to mock someone are not', async (t) => {
  levelsAre(t, [
    ['he has my nudes and says he will post them unless i send more', 'crisis'],
    ['some guy online says he will send my pics to my family unless i pay 500 dollars', 'crisis'],
    ["they screenshot my stuff n post it w captions like 'lmao look at this loser'", 'none'],
    ['she screenshotted our chat and showed everyone', 'none']
  ])
})

t.test('hostile input does not break the screen', async (t) => {
  for (const text of ['', ' ', '\u0000\u0007', '🙂'.repeat(2000), 'a'.repeat(4000), '<script>kill myself</script>', 'ＩＷＡＮＴＴＯＤＩＥ', 'i want to die'.repeat(300)]) {
    const found = screenMessage(text)
    t.ok(['none', 'elevated', 'crisis'].includes(found.level))
  }
})

t.test('every rule is tried where it can begin: its starting words are known or it is tried everywhere', async (t) => {
  // The screen copies each pattern with its own flags and tries it at the words it can begin with;
  // a pattern's own flag would be lost, and a start read wrongly would skip a risk message.
  for (const { pattern } of RISK_RULES) {
    t.equal(pattern.flags, '', `${pattern.source.slice(0, 40)}…: no flags`)
    for (const start of startingWords(pattern.source) ?? []) t.match(start.word, /^[a-z']+$/, `${pattern.source.slice(0, 40)}…: begins with a word`)
  }
  const rope = RISK_RULES.find(rule => rule.pattern.source.startsWith('\\b(?:rope|noose|belt|'))
  t.ok(rope !== undefined && startingWords(rope.pattern.source)?.some(start => start.word === 'noose'), 'a rule that begins with a list of words is tried at each of them')
})

t.test('a count of tablets far past a dose is an overdose, a dose for a headache is not', async (t) => {
  levelsAre(t, [
    ['my heads been pounding since i took about 30 paracetamol on tuesday, should i be worried', 'crisis'],
    ['took like 40 ibuprofen yesterday and my stomach hurts', 'crisis'],
    ['i swallowed 12 of my sleeping tablets', 'crisis'],
    ['i took 2 paracetamol for my headache', 'none'],
    ['took 4 ibuprofen for period cramps, still hurts', 'none'],
    ['i took 1 tablet like the doctor said', 'none']
  ])
})

t.test('what 2.7.0 added: a resolved past said plainly, fun overdoses, a misreading put right, voices by the act, wills, punch bags', async (t) => {
  levelsAre(t, [
    ["used to self harm in secondary school, havent done it in 3 years", 'none'],
    ["I haven't hurt myself since 2017, I've got a mortgage and a dog now", 'none'],
    ['Before, in university, I hurt myself many times. Now it is five years I don\'t do it.', 'none'],
    ["i haven't cut in 2 years but the urge is back tonight", 'elevated'],
    ['Yesterday I overdose on Korean drama, I watch the full season in one day', 'none'],
    ['i overdosed on chocolate at the party lol', 'none'],
    ['i overdosed on my meds last night', 'crisis'],
    ["When I said I can't do this anymore I meant the course, not like, life. I'm fine.", 'none'],
    ["i meant my job, not my life, but honestly i do want to die", 'elevated'],
    ['I slit open the envelope from the hospital, just an appointment change', 'none'],
    ['I wonder if this is it, is this what being an adult is?', 'none'],
    ['the voises keep saying go to the tracks and im puting my shoes on', 'crisis'],
    ['the voice told me to go and put my hand in the fire', 'crisis'],
    ['urge back. so strong.', 'elevated'],
    ['I stopped with the razor for one whole year. This week I start again.', 'crisis'],
    ['bought paracetamol from three different shops today so they wouldnt ask', 'crisis'],
    ['got paracetamol from boots for my cold', 'none'],
    ["I've updated my will, cancelled the gym, and set every direct debit to stop. Everything is tidy.", 'crisis'],
    ['Love that my dad treats me like the punch bag. Lip split again.', 'crisis'],
    ['my older cousin has been doing stuff to me since I was ten', 'crisis'],
    ["the man next door is screaming at his wife, something smashed and she's shouting for help", 'crisis'],
    ['my mate just opened his wrist up proper bad and theres so much blood', 'crisis'],
    ['I finally deal with Graham permanently tomorrow. Already sharpened the letter opener.', 'crisis'],
    ['in food tech i nearly took the tip of my finger off dicing an onion', 'none']
  ])
})
