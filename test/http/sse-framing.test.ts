// The bytes of the stream: each event its own block, each ping its own block, nothing before the first event.
import t from 'tap'
import { build, listen } from '../support/helper.ts'
import { startAnthropicMock } from '../support/mocks/anthropic.ts'

const EVENT_BLOCK = /^id: [0-9a-f-]{36}:\d+\ndata: \{[^\n]*\}$/

async function rawChat (url: string, body: object): Promise<string> {
  const res = await fetch(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return await res.text()
}

/** A hand-written parser of the kind adopters write: blocks split on a blank line, comment blocks skipped. */
function naiveParse (text: string): any[] {
  return text.split('\n\n').filter(block => block !== '' && !block.startsWith(':'))
    .map(block => JSON.parse(block.split('\n').find(line => line.startsWith('data: '))!.slice(6)))
}

t.test('a burst of tokens written at once still leaves one block per event, and pings are blocks of their own', async (t) => {
  const mock = await startAnthropicMock()
  t.teardown(() => mock.close())
  const app = await build(t, { env: { AGENT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: mock.url, SSE_KEEPALIVE_MS: '20' } })
  const url = await listen(app)
  // A message that fires the crisis protocol: the safety event, the notice and the first tokens are ready together.
  mock.enqueue({ tokens: Array.from({ length: 30 }, (_v, i) => `w${i} `) })
  mock.enqueue({ tokens: ['slow ', 'then ', 'done'], tokenDelayMs: 60 })
  const burst = await rawChat(url, { message: 'I want to kill myself', sessionId: 'frame-1' })
  const slow = await rawChat(url, { message: 'still here', sessionId: 'frame-2' })

  for (const text of [burst, slow]) {
    t.ok(text.endsWith('\n\n'), 'the stream ends on a block boundary')
    const blocks = text.slice(0, -2).split('\n\n')
    t.match(blocks[0], EVENT_BLOCK, 'the first block is an event, with no comment before it')
    const odd = blocks.filter(block => block !== ': ping' && !EVENT_BLOCK.test(block))
    t.same(odd, [], 'every block is one event or one ping')
  }
  t.ok(slow.includes('\n\n: ping\n\n'), 'the slow reply had pings between its events')

  const events = naiveParse(burst)
  t.match(events[0], { safety: { level: 'crisis' } }, 'a parser that skips comment blocks still sees the crisis resources, first')
  t.match(events[1], { notice: { kind: 'ai_disclosure' } }, 'and the AI notice')
  t.equal(events.filter(event => 'content' in event).map(event => event.content).join(''), Array.from({ length: 30 }, (_v, i) => `w${i} `).join(''))
  t.match(events.at(-1), { done: true })
  t.match(naiveParse(slow).at(-1), { done: true })
})
