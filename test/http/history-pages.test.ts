// The history export pages: `limit` newest messages, then `before` the page's `nextBefore` for older ones.
import t from 'tap'
import { build } from '../support/helper.ts'

t.test('an export in pages holds every message once, in order', async (t) => {
  const app = await build(t)
  for (let i = 0; i < 4; i++) {
    t.equal((await app.inject({ method: 'POST', url: '/chat', payload: { message: `message ${i}`, sessionId: 'paged', userId: 'u1' } })).statusCode, 200)
  }
  const whole = (await app.inject({ method: 'GET', url: '/sessions/paged/messages?userId=u1' })).json()
  t.equal(whole.messages.length, 8)
  t.equal(whole.nextBefore, undefined, 'without limit, one page')

  const pages: any[] = []
  let before: string | undefined
  do {
    const res = await app.inject({ method: 'GET', url: `/sessions/paged/messages?userId=u1&limit=3${before === undefined ? '' : `&before=${before}`}` })
    t.equal(res.statusCode, 200)
    pages.push(res.json())
    before = res.json().nextBefore
  } while (before !== undefined)
  t.same(pages.map(page => page.messages.length), [3, 3, 2])
  t.same(pages.reverse().flatMap(page => page.messages), whole.messages, 'the pages, oldest last, are the whole history')

  const unknown = await app.inject({ method: 'GET', url: '/sessions/paged/messages?userId=u1&before=not-a-message' })
  t.equal(unknown.statusCode, 400)
  t.equal(unknown.json().code, 'INVALID_REQUEST')
  t.equal((await app.inject({ method: 'GET', url: '/sessions/paged/messages?userId=u1&limit=0' })).statusCode, 400)
})
