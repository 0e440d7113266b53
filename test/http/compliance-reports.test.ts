// Referral reports and the published protocol, as an operator and a regulator's reader see them.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { build } from '../support/helper.ts'
import { sseEvents } from '../support/sse.ts'
import { PROTOCOL_MARKDOWN } from '../../src/compliance/crisis-protocol.ts'

const TOKEN = 'reports-token-for-tests-0123456789'
const today = () => new Date().toISOString().slice(0, 10)
const bearer = { authorization: `Bearer ${TOKEN}` }

async function report (app: FastifyInstance, from = today(), to = today()) {
  return app.inject({ method: 'GET', url: `/reports/crisis-referrals?from=${from}&to=${to}`, headers: bearer })
}

/** Sends a message; returns the safety event it showed, if any. */
async function chat (app: FastifyInstance, sessionId: string, message: string) {
  const res = await app.inject({ method: 'POST', url: '/chat', payload: { message, sessionId, userId: 'u1' } })
  const events = sseEvents(res.body).map(event => event.data)
  return events.find(event => 'safety' in event)?.safety as { level: string, category: string } | undefined
}

t.test('the report route: 404 without REPORTS_TOKEN, 401 with a wrong or no token, 400 for a bad period', async (t) => {
  const off = await build(t)
  const hidden = await report(off)
  t.equal(hidden.statusCode, 404)
  t.equal(hidden.json().code, 'NOT_FOUND')

  const app = await build(t, { env: { REPORTS_TOKEN: TOKEN } })
  const url = `/reports/crisis-referrals?from=${today()}&to=${today()}`
  for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN}x` }]) {
    const res = await app.inject({ method: 'GET', url, headers })
    t.equal(res.statusCode, 401)
    t.equal(res.json().code, 'UNAUTHORIZED')
  }
  t.equal((await report(app, '2026-13-01', '2026-12-31')).statusCode, 400)
  t.equal((await report(app, '2026-12-31', '2026-01-01')).json().code, 'INVALID_REQUEST', 'from after to')
  t.equal((await report(app)).statusCode, 200)
})

t.test('the report counts the crisis notices shown, by category, level and profile, and keeps them after an erasure', async (t) => {
  const app = await build(t, { env: { REPORTS_TOKEN: TOKEN } })
  const shown = [
    await chat(app, 'r1', 'I want to end my life'),
    await chat(app, 'r1', "i've decided, i'm ending it all tonight"),
    await chat(app, 'r2', 'my partner hits me and I am scared to go home'),
    await chat(app, 'r2', 'i want to die')
  ]
  t.notOk(await chat(app, 'r3', 'this deadline is killing me'), 'a figure of speech shows nothing')
  const flagged = shown.filter(event => event !== undefined)
  t.ok(flagged.length >= 3, 'the crisis messages were flagged')

  const counted = (await report(app)).json()
  t.equal(counted.total, flagged.length, 'one count per safety event shown')
  const tally = (key: 'level' | 'category') => flagged.reduce<Record<string, number>>((all, e) => ({ ...all, [e[key]]: (all[e[key]] ?? 0) + 1 }), {})
  t.same(counted.byCategory, tally('category'))
  t.same(counted.byLevel, tally('level'))
  t.same(counted.byProfile, { 'us-ny': flagged.length, 'us-ca': flagged.length, 'us-ut': flagged.length, eu: flagged.length })
  t.match(counted.protocolVersion, /^\d+\.\d+\.\d+\+screen\./)
  t.same(counted.protocolVersions, { [counted.protocolVersion]: flagged.length })
  t.notMatch(JSON.stringify(counted), /u1|r1|r2|die|life|partner/, 'no ids and no words of the messages')

  for (const sessionId of ['r1', 'r2']) t.equal((await app.inject({ method: 'DELETE', url: `/sessions/${sessionId}?userId=u1` })).statusCode, 204)
  t.equal((await app.inject({ method: 'GET', url: '/sessions/r1/messages?userId=u1' })).statusCode, 404, 'the session is gone')
  t.same((await report(app)).json(), counted, 'the counts are not')

  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10)
  t.equal((await report(app, yesterday, yesterday)).json().total, 0, 'a day without firings counts none')
})

t.test('with sqlite the record survives a restart and an erasure', async (t) => {
  const env = { REPORTS_TOKEN: TOKEN, STORE: 'sqlite', SQLITE_PATH: join(t.testdir(), 'db.sqlite') }
  const before = await build(t, { env })
  t.ok(await chat(before, 's1', 'I want to end my life'))
  await before.inject({ method: 'DELETE', url: '/sessions/s1?userId=u1' })
  await before.close()
  const after = await build(t, { env })
  t.match((await report(after)).json(), { total: 1, byCategory: { self_harm: 1 } })
})

t.test('GET /crisis-protocol serves the protocol as HTML, or Markdown on request, from the README\'s source', async (t) => {
  const app = await build(t, { env: { COMPLIANCE_PROFILES: 'us-ca,eu' } })
  const html = await app.inject({ method: 'GET', url: '/crisis-protocol', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
  t.equal(html.statusCode, 200)
  t.match(html.headers['content-type'], /^text\/html/)
  t.match(html.body, /<h1>Crisis protocol<\/h1>/)
  t.match(html.body, /<strong>What triggers it\.<\/strong>/)
  t.match(html.body, /<strong>What you see\.<\/strong>.*988/s)
  t.match(html.body, /<strong>What is recorded\.<\/strong>/)
  t.match(html.body, /<strong>What it is not\.<\/strong>/)
  t.match(html.body, /California SB 243.*\(us-ca\).*EU AI Act.*\(eu\)/s, 'names the jurisdictions in force')
  t.match(html.body, new RegExp(`Version ${html.headers['x-protocol-version'] as string}`.replace(/[.+]/g, '\\$&')))

  const md = await app.inject({ method: 'GET', url: '/crisis-protocol', headers: { accept: 'text/markdown' } })
  t.match(md.headers['content-type'], /^text\/markdown/)
  t.match(md.body, /^# Crisis protocol\n/)
  t.ok(md.body.includes(PROTOCOL_MARKDOWN.trim()), 'the whole protocol')
  t.ok(readFileSync(new URL('../../README.md', import.meta.url), 'utf8').includes(PROTOCOL_MARKDOWN.trim()), 'the README\'s section is the same text')
})
