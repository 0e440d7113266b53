import t from 'tap'
import fc from 'fast-check'
import { toModelHistory } from '../../../src/chat/history.ts'
import { estimateTokens } from '../../../src/agent/tokens.ts'
import type { StoredMessage } from '../../../src/store/types.ts'

let n = 0
const msg = (role: 'user' | 'assistant', content: string, status: StoredMessage['status'] = 'complete'): StoredMessage =>
  ({ id: `m${n++}`, role, content, status, createdAt: new Date(0).toISOString() })

const paragraph = (topic: string): string => `${topic}: I have been thinking about this a lot lately and it keeps coming back to me at night. `.repeat(4)

t.test('keeps the newest whole turns that fit the budget and starts with a user turn', async (t) => {
  const messages = [msg('user', paragraph('a')), msg('assistant', paragraph('b')), msg('user', paragraph('c')), msg('assistant', paragraph('d')), msg('user', 'newest')]
  const perTurn = estimateTokens(paragraph('a')) + 4
  // Room for the newest turn and two more: the third would be an assistant turn leading, so it goes too.
  const turns = toModelHistory(messages, perTurn * 2 + 20)
  t.same(turns.map(turn => turn.content[0]), ['c', 'd', 'n'], 'the oldest go first; no turn is split; an assistant turn never leads')
  t.ok(turns.every(turn => messages.some(m => m.content === turn.content)), 'turns are whole')
  t.equal(toModelHistory(messages, 100000).length, 5)
})

t.test('the estimate is a real token count, not characters alone', async (t) => {
  const english = 'I feel anxious about my exam tomorrow and cannot sleep'
  const repeated = 'a'.repeat(400)
  t.ok(estimateTokens(english) > 5 && estimateTokens(english) < english.length / 2)
  t.not(estimateTokens(repeated), Math.ceil(repeated.length / 4), 'not length / 4')
  t.ok(estimateTokens('我今天感到非常焦虑，晚上睡不着觉。') > 8, 'CJK counts by tokens, not by four characters')
})

t.test('the newest user turn is always sent, even over budget', async (t) => {
  const turns = toModelHistory([msg('user', 'y '.repeat(3000))], 100)
  t.equal(turns.length, 1)
})

t.test('empty replies are dropped and consecutive turns of one role are joined', async (t) => {
  const turns = toModelHistory([
    msg('user', 'first'), msg('assistant', '', 'interrupted'), msg('user', 'second'), msg('assistant', 'partial', 'failed'), msg('user', 'third')
  ], 1000)
  t.same(turns, [
    { role: 'user', content: 'first\n\nsecond' },
    { role: 'assistant', content: 'partial' },
    { role: 'user', content: 'third' }
  ])
})

t.test('a token is never less than one byte, so a history whose bytes fit is sent without counting', async (t) => {
  await fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), text =>
    estimateTokens(text) <= Buffer.byteLength(text)), { numRuns: 500 })
  for (const text of ['我今天感到非常焦虑', '😀 emoji 🙂', '<|endoftext|>', ' \n\t ', 'a'.repeat(1000)]) {
    t.ok(estimateTokens(text) <= Buffer.byteLength(text), `${JSON.stringify(text.slice(0, 12))}: tokens within bytes`)
  }
  // Over budget in bytes, within it in tokens: counted, and every turn still fits.
  const messages = [msg('user', paragraph('a')), msg('assistant', paragraph('b')), msg('user', 'newest')]
  const tokens = messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0)
  const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m.content) + 4, 0)
  t.ok(tokens < bytes - 10)
  t.equal(toModelHistory(messages, tokens).length, 3, 'all turns fit by tokens')
  t.equal(toModelHistory(messages, tokens - 1).length, 1, 'one token short: only the newest user turn')
})
