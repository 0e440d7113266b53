// The risk screen on the labelled corpus (test/fixtures/crisis-corpus): recall, false alarms and
// category accuracy per split and per kind, printed; asserted on `test`, the split written last and
// never used to tune the rules or the model.
import t from 'tap'
import { readCorpus, type CorpusSplit, type LabelledMessage } from '../../../src/safety/corpus.ts'
import { startingWords } from '../../../src/safety/rule-index.ts'
import { RISK_RULES } from '../../../src/safety/rules.ts'
import { screenMessage } from '../../../src/safety/screen.ts'
import { SIGNALS } from '../../../src/safety/taxonomy.ts'

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
const FLOORS = { recall: 0.87, falseAlarms: 0.085, category: 0.94 }

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
