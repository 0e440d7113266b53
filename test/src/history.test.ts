import t from 'tap'
import { toModelHistory } from '../../src/chat/history.ts'
import type { StoredMessage } from '../../src/store/types.ts'

let n = 0
const msg = (role: 'user' | 'assistant', content: string, status: StoredMessage['status'] = 'complete'): StoredMessage =>
  ({ id: String(n++), role, content, status, createdAt: new Date(0).toISOString() })

t.test('keeps the newest turns that fit the budget and starts with a user turn', async (t) => {
  const long = 'x'.repeat(400) // about 100 tokens
  const messages = [msg('user', `a${long}`), msg('assistant', `b${long}`), msg('user', `c${long}`), msg('assistant', `d${long}`), msg('user', 'newest')]
  const turns = toModelHistory(messages, 250)
  t.same(turns.map(turn => turn.content[0]), ['c', 'd', 'n'], 'the oldest turns go first; an assistant turn never leads')
  t.equal(toModelHistory(messages, 100000).length, 5)
})

t.test('the newest user turn is always sent, even over budget', async (t) => {
  const turns = toModelHistory([msg('user', 'y'.repeat(4000))], 100)
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
