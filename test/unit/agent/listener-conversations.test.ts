// The offline listener across whole conversations through POST /chat: properties a counsellor would check,
// and readable transcripts in test/fixtures/listener/ (rewritten with LISTENER_FIXTURES=write, then read before committing).
import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { build } from '../../support/helper.ts'
import { converse, transcriptOf, type ListenerTurn } from '../../support/listener-chat.ts'

interface Scenario { name: string, title: string, messages: string[] }
const dir = new URL('../../fixtures/listener/', import.meta.url)
const scenarios = JSON.parse(readFileSync(new URL('scenarios.json', dir), 'utf8')) as Scenario[]
const sentences = (text: string): string[] => text.split(/(?<=[.?!])\s+/).filter(Boolean)

const results = new Map<string, ListenerTurn[]>()

t.before(async () => {
  const app = await build(t)
  for (const scenario of scenarios) results.set(scenario.name, await converse(app, scenario.name, scenario.messages))
})

t.test('at least 15 scenarios, each read as its reviewed transcript', async (t) => {
  t.ok(scenarios.length >= 15)
  for (const scenario of scenarios) {
    const transcript = transcriptOf(scenario.title, results.get(scenario.name) as ListenerTurn[])
    const file = new URL(`${scenario.name}.txt`, dir)
    if (process.env.LISTENER_FIXTURES === 'write') writeFileSync(file, transcript)
    t.equal(transcript, readFileSync(file, 'utf8'), scenario.name)
  }
})

t.test('every conversation: grammatical, no echo, no sentence twice, varied openers, at most one question', async (t) => {
  for (const scenario of scenarios) {
    const turns = results.get(scenario.name) as ListenerTurn[]
    const said = turns.filter(turn => turn.safety === undefined).flatMap(turn => sentences(turn.reply))
    t.equal(new Set(said).size, said.length, `${scenario.name}: no sentence repeated`)
    const openers = new Map<string, number>()
    for (const turn of turns) {
      const opener = turn.reply.split(/\s+/).slice(0, 3).join(' ')
      openers.set(opener, (openers.get(opener) ?? 0) + 1)
      t.notMatch(turn.reply, /\b(you was|you am|I are)\b|\blol\b|Earlier you mentioned|not listening to you\b/i, `${scenario.name}: "${turn.message}"`)
      t.ok((turn.reply.match(/\?/g) ?? []).length <= 1, `${scenario.name}: at most one question in "${turn.reply}"`)
      t.ok(turn.reply.length > 0 && turn.done !== undefined, `${scenario.name}: a reply and done for "${turn.message}"`)
    }
    if (turns.length >= 5) t.ok([...openers.values()].every(n => n <= Math.max(1, Math.floor(turns.length * 0.2))), `${scenario.name}: no opener on more than 20 % of replies`)
    for (const turn of turns) {
      const quoted = [...turn.reply.matchAll(/"([^"]+)"/g)].map(m => m[1] as string)
      for (const quote of quoted) t.ok(scenario.messages.some(m => m.includes(quote)), `${scenario.name}: a callback quotes only the user's words`)
    }
  }
})

const reply = (name: string, index: number): string => (results.get(name) as ListenerTurn[])[index]?.reply as string

t.test('after a flag the listener stays with it: acknowledges "I\'m safe", offers one planning step, no topic switch', async (t) => {
  t.equal(results.get('passive-risk')?.[1]?.safety, 'elevated')
  t.match(reply('passive-risk', 2), /safe/, 'acknowledges "I\'m safe"')
  t.notMatch(reply('passive-risk', 2), /sleep|work/i, 'no topic question')
  t.match(reply('passive-risk', 5), /988/, 'resources again at goodbye')
  t.equal(results.get('crisis-follow-up')?.[0]?.safety, 'crisis')
  t.match(reply('crisis-follow-up', 1), /Thank you for telling me you're safe|relieved to hear you're safe/)
  t.match(reply('crisis-follow-up', 1) + reply('crisis-follow-up', 2) + reply('crisis-follow-up', 3), /warning signs|on your own|reach out|professional|surroundings safer/, 'a safety-planning step')
  t.match(reply('crisis-follow-up', 5), /988/, 'resources again at goodbye')
  t.match(reply('partner-violence', 2), /stay as safe as you can/, 'a short safe goodbye')
  t.match(reply('partner-violence', 2), /erase this conversation/)
  t.notMatch(reply('partner-violence', 2), /\?/, 'no question as they leave')
  t.match(reply('elevated', 2), /safe/)
  t.match(reply('elevated', 3), /988/)
})

t.test('conversations answer what was asked and respect what was said', async (t) => {
  t.match(reply('work-anxiety', 5), /many people find this helps/i)
  t.notMatch(reply('work-anxiety', 4), /good to hear|lighter/)
  t.match(reply('grief', 3), /part of grief/, 'is this normal, asked in grief, answered as grief')
  t.notMatch(reply('grief', 4), /how exhausted you are|really exhausted/, "the father's tiredness is not the user's")
  t.match(reply('teen-slang', 5), /no more questions|stop asking/)
  t.notMatch(reply('teen-slang', 6) + reply('teen-slang', 7), /\?/, 'no questions after "stop asking"')
  t.match(reply('sceptic', 3), /sorry this hasn't helped/)
  t.match(reply('sceptic', 6), /family doctor|directory/)
  t.match(reply('questions', 1), /911|emergency/)
  t.match(reply('questions', 2), /weather/)
  t.match(reply('non-native', 4), /A lot of people feel this way/)
  t.match(reply('spanish', 0), /Gracias por escribirme/)
  t.notMatch(reply('word-senses', 0) + reply('word-senses', 1), /sorry for your loss|grief/i)
  t.notMatch(reply('word-senses', 2), /part of work|at work/)
  t.notMatch(reply('long-message', 0), /sorry for your loss/)
  t.match(reply('repeat', 1), /said that again/)
  t.match(reply('odd-inputs', 1), /here/)
})
