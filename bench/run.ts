// `npm run bench`: this service against the Flask seed and the bare-Node floor, in one run on one
// machine, on 127.0.0.1, bounded in time. Prints a side-by-side table and writes BENCHMARKS.md.
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { concurrency, modelApiDialect, steadyStreams, throughput, type ConcurrencyResult, type SteadyResult, type ThroughputResult } from './load.ts'
import { modelText } from './mock-model.ts'
import { riskScreenReport } from './risk-screen.ts'
import { cpuSeconds, freePort, rssBytes, start, stop, waitForHttp, watchPeakRss } from './processes.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const peers = join(root, '..', 'shared', 'peers')
const QUICK = process.env.BENCH_QUICK === '1'
const THROUGHPUT_SECONDS = QUICK ? 5 : 15
const CONNECTIONS = 32
const THROUGHPUT_TOKENS = 50
const LEVELS = QUICK ? [1000] : [1000, 5000, 10000]
const STREAM_TOKENS = 20
const STREAM_DELAY_MS = 250
const STREAM_TIMEOUT_MS = 60000
// Time to first token with this many streams open, chats starting at an even pace (no burst).
const STEADY_OPEN = 1000
const STEADY_SECONDS = QUICK ? 10 : 15
const STREAM_MS = STREAM_TOKENS * STREAM_DELAY_MS

interface Target {
  name: string
  start: (port: number, model: string) => Promise<ChildProcess>
  /** Checks stored replies after a concurrency run (this service only). */
  checkStored?: boolean
}

function ensureFlask (): boolean {
  // Debian's packages install for the system Python, which gunicorn runs on.
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import flask, flask_cors, aiohttp, gevent'], { stdio: 'ignore' })
  if (probe.status === 0 && existsSync('/usr/bin/gunicorn')) return true
  console.log('installing the Flask seed\'s Debian packages...')
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'python3-flask', 'python3-flask-cors', 'python3-aiohttp', 'gunicorn', 'python3-gevent'], { stdio: 'inherit' })
  return install.status === 0
}

function ensureNodeRaw (): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-raw-'))
  cpSync(join(peers, 'node-raw'), dir, { recursive: true })
  spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' })
  return dir
}

async function startRedis (): Promise<{ url: string, child: ChildProcess }> {
  const port = await freePort()
  const child = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {})
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.includes('PONG')) break
    await sleep(100)
  }
  return { url: `redis://127.0.0.1:${port}`, child }
}

function ours (name: string, store: () => Promise<Record<string, string>>): Target {
  return {
    name,
    checkStored: true,
    start: async (port, model) => {
      const child = start(process.execPath, [join(root, 'dist/src/server.js')], {
        cwd: mkdtempSync(join(tmpdir(), 'therapybot-bench-')),
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          AGENT_PROVIDER: 'anthropic',
          ANTHROPIC_API_KEY: 'bench',
          ANTHROPIC_BASE_URL: model,
          RATE_LIMIT_MAX: '100000000',
          // One anonymous client opens every stream: no per-user cap, and no authentication to
          // measure (production refuses to start without it unless told so).
          AUTH_DISABLED: 'true',
          MAX_STREAMS_PER_USER: '12000',
          MAX_STREAMS: '12000',
          MAX_CONNECTIONS: '15000',
          LISTEN_BACKLOG: '2048',
          ...(await store())
        }
      })
      await waitForHttp(`http://127.0.0.1:${port}/health`)
      return child
    }
  }
}

function flask (workers: number): Target {
  return {
    name: `flask seed, gevent ×${workers}`,
    start: async (port, model) => {
      const child = start('gunicorn', ['-w', String(workers), '-k', 'gevent', '--worker-connections', '12000', '--backlog', '2048', '-b', `127.0.0.1:${port}`, 'app:app'], {
        cwd: join(peers, 'flask-seed'),
        env: { PATH: process.env.PATH, ANTHROPIC_BASE_URL: model, ANTHROPIC_API_KEY: 'bench', PYTHONDONTWRITEBYTECODE: '1' }
      })
      await waitForHttp(`http://127.0.0.1:${port}/health`)
      return child
    }
  }
}

function cardStack (): Target {
  return {
    name: 'design card stack only',
    start: async (port, model) => {
      const child = start(process.execPath, [join(root, 'dist/bench/card-stack.js')], {
        env: { PATH: process.env.PATH, PORT: String(port), ANTHROPIC_BASE_URL: model, ANTHROPIC_API_KEY: 'bench', BACKLOG: '2048' }
      })
      await waitForHttp(`http://127.0.0.1:${port}/health`)
      return child
    }
  }
}

function nodeRaw (dir: string): Target {
  return {
    name: 'node-raw floor',
    start: async (port, model) => {
      const child = start(process.execPath, ['server.mjs'], {
        cwd: dir,
        env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', ANTHROPIC_BASE_URL: model, BACKLOG: '2048' }
      })
      await waitForHttp(`http://127.0.0.1:${port}/health`)
      return child
    }
  }
}

interface Row {
  target: string
  throughput?: ThroughputResult & { serverCpuSeconds: number }
  levels: Array<ConcurrencyResult & { streams: number, peakRssMb: number, serverCpuSeconds: number, cpuUsPerToken: number, rssPerStreamKb: number, storedChecked?: string }>
  idleRssMb: number
  steady?: SteadyResult
}

async function configureModel (model: string, tokens: number, delayMs: number): Promise<void> {
  await fetch(`${model}/__config`, { method: 'POST', body: JSON.stringify({ tokens, delayMs }) })
}

async function checkStored (baseUrl: string, result: ConcurrencyResult, expected: string): Promise<string> {
  const sample = result.outcomes.filter(o => o.ok).slice(0, 300)
  let good = 0
  for (const outcome of sample) {
    const res = await fetch(`${baseUrl}/sessions/${outcome.sessionId}/messages?userId=${outcome.userId}`)
    const body = await res.json() as { messages?: Array<{ role: string, content: string, status: string }> }
    const replies = body.messages?.filter(m => m.role === 'assistant') ?? []
    if (replies.length === 1 && replies[0]?.content === expected && replies[0]?.status === 'complete') good++
  }
  return `${good}/${sample.length}`
}

async function measure (target: Target, model: string): Promise<Row> {
  const port = await freePort()
  const child = await target.start(port, model)
  const pid = child.pid as number
  const baseUrl = `http://127.0.0.1:${port}`
  const row: Row = { target: target.name, levels: [], idleRssMb: rssBytes(pid) / 2 ** 20 }
  try {
    await configureModel(model, THROUGHPUT_TOKENS, 0)
    const cpuBefore = cpuSeconds(pid)
    const tp = await throughput(baseUrl, THROUGHPUT_SECONDS, CONNECTIONS)
    row.throughput = { ...tp, serverCpuSeconds: cpuSeconds(pid) - cpuBefore }
    console.log(`  ${target.name}: ${tp.chatsPerSecond.toFixed(0)} chats/s, p50 ${tp.p50Ms} ms, p99 ${tp.p99Ms} ms, ${tp.errors} errors`)

    await configureModel(model, STREAM_TOKENS, STREAM_DELAY_MS)
    const expected = modelText(STREAM_TOKENS)
    for (const streams of LEVELS) {
      await sleep(1000)
      const baseline = rssBytes(pid)
      const cpu = cpuSeconds(pid)
      const peak = watchPeakRss(pid)
      const result = await concurrency(baseUrl, streams, expected, STREAM_TIMEOUT_MS)
      const peakRss = peak()
      const serverCpu = cpuSeconds(pid) - cpu
      const tokens = result.outcomes.reduce((sum, o) => sum + o.tokens, 0)
      const level = {
        ...result,
        outcomes: [],
        streams,
        peakRssMb: peakRss / 2 ** 20,
        serverCpuSeconds: serverCpu,
        cpuUsPerToken: tokens > 0 ? serverCpu * 1e6 / tokens : NaN,
        rssPerStreamKb: (peakRss - baseline) / 1024 / streams,
        storedChecked: target.checkStored === true ? await checkStored(baseUrl, result, expected) : undefined
      }
      row.levels.push(level)
      console.log(`  ${target.name} @${streams}: ${result.completed} ok, ${result.failed} failed, TTFT p50 ${result.ttftP50Ms.toFixed(1)} ms p99 ${result.ttftP99Ms.toFixed(1)} ms, peak RSS ${level.peakRssMb.toFixed(0)} MB${level.storedChecked !== undefined ? `, stored ${level.storedChecked}` : ''}`)
    }
  } finally {
    await stop(child)
  }
  return row
}

/** The steady load on a freshly started target, so that no earlier phase weighs on it. */
async function measureSteady (target: Target, model: string, row: Row): Promise<void> {
  const port = await freePort()
  const child = await target.start(port, model)
  try {
    await configureModel(model, STREAM_TOKENS, STREAM_DELAY_MS)
    row.steady = await steadyStreams(`http://127.0.0.1:${port}`, STEADY_OPEN, STREAM_MS, STEADY_SECONDS, modelText(STREAM_TOKENS), STREAM_TIMEOUT_MS)
    console.log(`  ${target.name} with ${STEADY_OPEN} streams open: TTFT p50 ${row.steady.ttftP50Ms.toFixed(2)} ms p99 ${row.steady.ttftP99Ms.toFixed(1)} ms, ${row.steady.failed} failed`)
  } finally {
    await stop(child)
  }
}

const fmt = (value: number | undefined, digits = 0): string => value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits)

function report (rows: Row[], modelSteady: SteadyResult, started: Date, command: string): string {
  const by = (name: string): Row | undefined => rows.find(r => r.target.startsWith(name))
  const ourRow = rows[0] as Row
  const flask1 = by('flask seed, gevent ×1')
  const floor = by('node-raw')
  const card = by('design card stack')
  const ratio = (a?: number, b?: number): string => a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`
  const lines = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` on ${started.toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    'Everything ran on 127.0.0.1 in this one run, sharing the machine: the mock model (its own process), the',
    'server under test and the load generator. Absolute numbers vary from run to run here; compare the ratios.',
    '',
    `## Throughput: complete chats per second (${THROUGHPUT_TOKENS}-token replies, model answering at once, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s, autocannon)`,
    '',
    '| target | chats/s | p50 ms | p99 ms | errors | server CPU s | load generator CPU s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.target} | ${fmt(r.throughput?.chatsPerSecond)} | ${fmt(r.throughput?.p50Ms)} | ${fmt(r.throughput?.p99Ms)} | ${r.throughput?.errors ?? '—'} | ${fmt(r.throughput?.serverCpuSeconds, 1)} | ${fmt(r.throughput?.loaderCpuSeconds, 1)} |`),
    '',
    `## Concurrency: N simultaneous chats (${STREAM_TOKENS} tokens ${STREAM_DELAY_MS} ms apart, undici client)`,
    '',
    '| target | N | completed | failed | TTFT p50 ms | TTFT p99 ms | peak RSS MB | server CPU s | CPU µs/token | RSS KB/stream | stored once, as streamed | load generator CPU s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.flatMap(r => r.levels.map(l => `| ${r.target} | ${l.streams} | ${l.completed} | ${l.failed} | ${fmt(l.ttftP50Ms, 1)} | ${fmt(l.ttftP99Ms, 1)} | ${fmt(l.peakRssMb)} | ${fmt(l.serverCpuSeconds, 1)} | ${fmt(l.cpuUsPerToken)} | ${fmt(l.rssPerStreamKb, 1)} | ${l.storedChecked ?? '—'} | ${fmt(l.loaderCpuSeconds, 1)} |`)),
    '',
    `## Time to first token with ${STEADY_OPEN} streams open (chats started evenly, ${(STEADY_OPEN * 1000 / STREAM_MS).toFixed(0)} a second, each ${STREAM_TOKENS} tokens ${STREAM_DELAY_MS} ms apart; ${STEADY_SECONDS} s, the streams started in the first ${STREAM_MS / 1000} s not counted)`,
    '',
    `Server-added = the target's TTFT minus the mock model's own, measured the same way against the mock directly (p50 ${fmt(modelSteady.ttftP50Ms, 2)} ms, p99 ${fmt(modelSteady.ttftP99Ms, 1)} ms).`,
    '',
    '| target | streams measured | failed | TTFT p50 ms | TTFT p99 ms | server-added p50 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.target} | ${r.steady?.measured ?? '—'} | ${r.steady?.failed ?? '—'} | ${fmt(r.steady?.ttftP50Ms, 2)} | ${fmt(r.steady?.ttftP99Ms, 1)} | ${fmt(r.steady === undefined ? undefined : r.steady.ttftP50Ms - modelSteady.ttftP50Ms, 2)} |`),
    '',
    '## Ratios in this run, against the targets',
    '',
    `- Throughput vs the Flask seed with 1 gevent worker: **${ratio(ourRow.throughput?.chatsPerSecond, flask1?.throughput?.chatsPerSecond)}** (target ≥ 8×).`,
    `- Throughput vs the bare-Node floor: **${ratio(ourRow.throughput?.chatsPerSecond, floor?.throughput?.chatsPerSecond)}** (target ≥ 0.5×).`,
    ...LEVELS.map(n => {
      const mine = ourRow.levels.find(l => l.streams === n)
      const theirs = floor?.levels.find(l => l.streams === n)
      return `- ${n} streams: ${mine?.failed ?? '—'} failed; TTFT p99 ${ratio(mine?.ttftP99Ms, theirs?.ttftP99Ms)} the floor's (target ≤ 2× at 10,000); peak RSS ${fmt(mine?.peakRssMb)} MB (target ≤ 600 MB at 10,000); TTFT p50 ${fmt(mine?.ttftP50Ms, 1)} ms vs the floor's ${fmt(theirs?.ttftP50Ms, 1)} ms.`
    }),
    `- Server-added time to first token with ${STEADY_OPEN} streams open: p50 **${fmt(ourRow.steady === undefined ? undefined : ourRow.steady.ttftP50Ms - modelSteady.ttftP50Ms, 2)} ms** (target ≤ 3 ms).`,
    '',
    'The design card\'s stack alone (Fastify, fastify-sse-v2 and the Anthropic SDK, nothing else), for scale:',
    '',
    `- Throughput: ${ratio(card?.throughput?.chatsPerSecond, floor?.throughput?.chatsPerSecond)} the floor's; this service reaches ${ratio(ourRow.throughput?.chatsPerSecond, card?.throughput?.chatsPerSecond)} of it.`,
    ...LEVELS.map(n => {
      const stack = card?.levels.find(l => l.streams === n)
      const theirs = floor?.levels.find(l => l.streams === n)
      return `- ${n} streams: ${stack?.failed ?? '—'} failed; TTFT p99 ${ratio(stack?.ttftP99Ms, theirs?.ttftP99Ms)} the floor's; peak RSS ${fmt(stack?.peakRssMb)} MB; server CPU ${fmt(stack?.serverCpuSeconds, 1)} s.`
    }),
    ''
  ]
  return lines.join('\n')
}

async function main (): Promise<void> {
  const started = new Date()
  const command = QUICK ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench'
  const flaskReady = ensureFlask()
  const nodeRawDir = ensureNodeRaw()
  const redis = await startRedis()

  const modelPort = await freePort()
  const mock = fork(join(root, 'dist/bench/mock-model.js'), [], { env: { PORT: String(modelPort) }, stdio: 'ignore' })
  await once(mock, 'message')
  const model = `http://127.0.0.1:${modelPort}`
  await configureModel(model, STREAM_TOKENS, STREAM_DELAY_MS)
  const modelSteady = await steadyStreams(model, STEADY_OPEN, STREAM_MS, STEADY_SECONDS, modelText(STREAM_TOKENS), STREAM_TIMEOUT_MS, modelApiDialect)
  console.log(`the mock model with ${STEADY_OPEN} streams open: TTFT p50 ${modelSteady.ttftP50Ms.toFixed(2)} ms p99 ${modelSteady.ttftP99Ms.toFixed(1)} ms`)

  const targets: Target[] = [
    ours('this service (sqlite)', async () => ({ STORE: 'sqlite', SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'bench-db-')), 'bench.db') })),
    ours('this service (redis)', async () => ({ STORE: 'redis', REDIS_URL: redis.url })),
    cardStack(),
    ...(flaskReady ? [flask(1), flask(2)] : []),
    nodeRaw(nodeRawDir)
  ]
  const rows: Row[] = []
  try {
    for (const target of targets) {
      console.log(`measuring ${target.name}`)
      const row = await measure(target, model)
      await measureSteady(target, model, row)
      rows.push(row)
    }
  } finally {
    mock.kill()
    await stop(redis.child)
  }
  const markdown = `${report(rows, modelSteady, started, command)}\n${riskScreenReport(QUICK ? 3 : 20)}`
  console.log('\n' + markdown)
  // The profile notes are written by hand (bench/PROFILE.md) and kept with the numbers.
  const notes = readFileSync(join(root, 'bench/PROFILE.md'), 'utf8')
  writeFileSync(join(root, QUICK ? 'BENCHMARKS.quick.md' : 'BENCHMARKS.md'), `${markdown}\n${notes}`)
}

await main()
