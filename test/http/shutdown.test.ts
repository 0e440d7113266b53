// SIGTERM on the built server (npm test builds it first): it drains, stores what it must, and exits 0.
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { freePort, postChat } from '../support/helper.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))


async function startServer (t: Test, env: Record<string, string>) {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AGENT_PROVIDER: 'reflective', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  const url = `http://127.0.0.1:${port}`
  // Up to 20 s: on a loaded two-core machine the boot can take several seconds.
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break
    } catch {}
    await sleep(50)
  }
  return { child, url, output: () => output }
}

for (const [name, grace, expectation] of [
  ['a reply that fits the grace ends with done', '5000', 'done'],
  ['a reply longer than the grace ends with one SHUTTING_DOWN error', '300', 'error']
] as const) {
  t.test(`SIGTERM: ${name}; readiness is 503 meanwhile; exit code 0; the reply is stored`, async (t) => {
    const db = join(t.testdir(), 'shutdown.db')
    const { child, url, output } = await startServer(t, { SQLITE_PATH: db, SHUTDOWN_GRACE_MS: grace, REFLECTIVE_WORD_DELAY_MS: '60' })
    let signalled = false
    let readiness: Promise<Response> | undefined
    let newChat: Promise<Response> | undefined
    const exited = once(child, 'exit')
    const stream = await postChat(url, { message: 'I have been feeling anxious about work and my family lately', sessionId: 'drain', userId: 'u1' }, {
      onEvent: (event) => {
        if ('content' in event && !signalled) {
          signalled = true
          child.kill('SIGTERM')
          // Give the signal a moment to land, then ask as Kubernetes and a new client would.
          readiness = sleep(100).then(() => fetch(`${url}/health/ready`))
          newChat = sleep(120).then(() => fetch(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi', sessionId: 'late' }) }))
        }
      }
    })
    const ready = await readiness as Response
    t.equal(ready.status, 503, 'readiness 503 while draining')
    t.equal(((await ready.json()) as any).checks.shutdown, 'in progress')
    const late = await newChat as Response
    t.equal(late.status, 503)
    t.equal(((await late.json()) as any).code, 'SHUTTING_DOWN')

    const last = stream.events.at(-1)
    if (expectation === 'done') t.match(last, { done: true, stopReason: 'end_turn' })
    else t.same(stream.replyEvents.filter(e => 'error' in e), [last], 'exactly one error event, the last')
    if (expectation === 'error') t.equal(last.code, 'SHUTTING_DOWN')

    const [code] = await exited
    t.equal(code, 0, `exit code 0 (${output().slice(-300)})`)

    // The stored reply, read back from the file by a fresh server.
    const { child: again, url: url2 } = await startServer(t, { SQLITE_PATH: db })
    const history = await (await fetch(`${url2}/sessions/drain/messages?userId=u1`)).json() as any
    t.equal(history.messages[1].status, expectation === 'done' ? 'complete' : 'interrupted')
    t.equal(history.messages[1].content, stream.text, 'what the client saw is what was stored')
    again.kill('SIGTERM')
    t.equal((await once(again, 'exit'))[0], 0)
  })
}

t.test('kill -9 mid-reply: the reply so far was checkpointed, and reads back as interrupted', async (t) => {
  const db = join(t.testdir(), 'crash.db')
  const { child, url } = await startServer(t, { SQLITE_PATH: db, REFLECTIVE_WORD_DELAY_MS: '100' })
  const exited = once(child, 'exit')
  let firstAt: number | undefined
  let seen = ''
  await postChat(url, { message: 'I have been feeling anxious about work and my family lately', sessionId: 'crash', userId: 'u1' }, {
    onEvent: (event) => {
      if (!('content' in event)) return
      firstAt ??= Date.now()
      seen += event.content as string
      // Past one checkpoint interval, with room for the write to land.
      if (Date.now() - firstAt > 1800 && child.exitCode === null) child.kill('SIGKILL')
    }
  }).catch(() => undefined)
  await exited

  const { child: again, url: url2 } = await startServer(t, { SQLITE_PATH: db })
  const history = await (await fetch(`${url2}/sessions/crash/messages?userId=u1`)).json() as any
  t.same(history.messages.map((m: any) => [m.role, m.status]), [['user', 'complete'], ['assistant', 'interrupted']])
  const kept = history.messages[1].content as string
  t.ok(kept.length > 0, 'some of the reply was kept')
  t.ok(seen.startsWith(kept), 'what was kept is what the client saw, up to the crash')
  again.kill('SIGTERM')
  await once(again, 'exit')
})
