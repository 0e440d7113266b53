// The built server (npm test builds it first) warns, in one line each, of connection limits that
// cannot hold: MAX_CONNECTIONS above the open-file limit, or not above MAX_STREAMS.
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freePort } from '../support/helper.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The server's log lines until it listens, started under `ulimit -n <files>`. */
async function bootLines (files: number, env: Record<string, string>): Promise<any[]> {
  const port = await freePort()
  const child = spawn('bash', ['-c', `ulimit -n ${files} && exec "$0" dist/src/server.js`, process.execPath], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', STORE: 'memory', AGENT_PROVIDER: 'reflective', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let output = ''
  const exited = once(child, 'exit')
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Server listening')) resolve()
    })
    child.once('exit', () => resolve())
  })
  child.kill('SIGTERM')
  await exited
  return output.trim().split('\n').map(line => JSON.parse(line))
}

t.test('under ulimit -n 1024 the default MAX_CONNECTIONS is flagged, naming both numbers', async (t) => {
  const lines = await bootLines(1024, {})
  const warning = lines.find(line => /open-file limit/.test(line.msg))
  t.match(warning, { level: 40, maxConnections: 12000, openFileLimit: 1024 })
})

t.test('MAX_CONNECTIONS within the limit but not above MAX_STREAMS: only that is flagged', async (t) => {
  const lines = await bootLines(1024, { MAX_CONNECTIONS: '500', MAX_STREAMS: '500' })
  t.same(lines.filter(line => /open-file limit/.test(line.msg)), [])
  t.match(lines.find(line => /not above MAX_STREAMS/.test(line.msg)), { level: 40, maxConnections: 500, maxStreams: 500 })
})

t.test('connections within the file limit and above the stream cap: no warning', async (t) => {
  const lines = await bootLines(1024, { MAX_CONNECTIONS: '900', MAX_STREAMS: '800' })
  t.same(lines.filter(line => /MAX_CONNECTIONS/.test(line.msg)), [])
})
