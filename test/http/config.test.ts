// The built server (npm test builds it first) refuses a bad setting with one line naming the variable.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

function start (env: Record<string, string>) {
  return spawnSync(process.execPath, ['dist/src/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', STORE: 'memory', ...env },
    encoding: 'utf8',
    timeout: 20000
  })
}

for (const [name, env, variable] of [
  ['a port that is not a number', { PORT: 'abc' }, 'PORT'],
  ['an unknown store', { STORE: 'mongo' }, 'STORE'],
  ['an unknown provider', { AGENT_PROVIDER: 'gpt' }, 'AGENT_PROVIDER'],
  ['anthropic without a key', { AGENT_PROVIDER: 'anthropic' }, 'ANTHROPIC_API_KEY'],
  ['production without authentication', { NODE_ENV: 'production' }, 'AUTH_JWT_SECRET'],
  ['a placeholder secret', { AUTH_JWT_SECRET: 'replace-me' }, 'AUTH_JWT_SECRET'],
  ['a proxy setting that is neither hops nor addresses', { TRUST_PROXY: 'everyone' }, 'TRUST_PROXY']
] as const) {
  t.test(`${name} stops the boot naming ${variable}`, async (t) => {
    const result = start(env)
    t.equal(result.status, 1)
    const lines = result.stderr.trim().split('\n')
    t.equal(lines.length, 1, 'one line')
    t.match(lines[0], new RegExp(`^therapybot: cannot start: .*${variable}`))
  })
}

t.test('.env.example lists every variable with its default', async (t) => {
  const { readFileSync } = await import('node:fs')
  const { ConfigSchema } = await import('../../plugins/config.ts')
  const example = Object.fromEntries(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    .split('\n').filter(line => /^[A-Z_]+=/.test(line)).map(line => line.split(/=(.*)/s).slice(0, 2)))
  const properties = ConfigSchema.properties as Record<string, { default?: unknown }>
  t.same(Object.keys(example).sort(), Object.keys(properties).sort())
  for (const [name, schema] of Object.entries(properties)) t.equal(example[name], String(schema.default), name)
})
