// `npm run bench`: this service against what users would pick instead (the design card's stack
// alone, the AI SDK behind a plain Node server, the Flask seed) and the bare-Node floor, in one run
// on one machine, on 127.0.0.1, bounded in time. Prints the tables, writes BENCHMARKS.md and the
// growth plot (bench/growth.svg).
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  aiSdkDialect, chatDialect, concurrency, modelApiDialect, steadyStreams, throughput,
  type ConcurrencyResult, type Dialect, type SteadyResult, type ThroughputResult
} from './load.ts'
import { modelText } from './mock-model.ts'
import { chartSvg } from './plot.ts'
import { riskScreenReport } from './risk-screen.ts'
import { cpuSeconds, freePort, rssBytes, start, stop, waitForHttp, watchPeakRss } from './processes.ts'
import { createSqliteStore } from '../src/store/sqlite.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
// Beside the checkout; BENCH_PEERS for a checkout elsewhere (a worktree).
const peers = process.env.BENCH_PEERS ?? join(root, '..', 'shared', 'peers')
const QUICK = process.env.BENCH_QUICK === '1'
const THROUGHPUT_SECONDS = QUICK ? 5 : 12
const CONNECTIONS = 32
const THROUGHPUT_TOKENS = 50
const STREAM_TOKENS = 20
const STREAM_DELAY_MS = 250
const STREAM_TIMEOUT_MS = 60000
const STREAM_MS = STREAM_TOKENS * STREAM_DELAY_MS
// Streams opened at an even pace over one stream's length, so that about N are open at the end.
const OPEN_OVER_MS = 5000
const PACED = QUICK ? [1000, 5000] : [1000, 5000, 10000]
// The same number at once: a stress figure (the listen queue overflows; see bench/PROFILE.md).
const BURST = QUICK ? 2000 : 10000
// Time to first token with this many streams open, chats starting at an even pace (no burst).
const STEADY_OPEN = 1000
const STEADY_SECONDS = QUICK ? 10 : 12
// Stored history before the chat (messages, the user's and the replies, alternating).
const HISTORY_TURNS = [1, 20, 200]
const HISTORY_CHATS = QUICK ? 500 : 1500
const HISTORY_WARMUP = QUICK ? 300 : 500

/** The heap cap production uses, as `npm start` sets it (the Dockerfile and the Deployment agree: test/contract/deploy.test.ts). */
function productionNodeOptions (): string {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>
  const cap = /--max-old-space-size=\d+/.exec(scripts.start ?? '')?.[0]
  if (cap === undefined) throw new Error('npm start sets no heap cap (--max-old-space-size)')
  return cap
}

interface Target {
  name: string
  start: (port: number, model: string) => Promise<ChildProcess>
  dialect: Dialect
  /** Checks stored replies after a concurrency run (this service only). */
  checkStored?: boolean
  /** Only the throughput table (a variant of another target). */
  throughputOnly?: boolean
  /** Also the burst of BURST streams at once (the stress figure; a few targets, for time). */
  burst?: boolean
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

const sqliteFile = (): string => join(mkdtempSync(join(tmpdir(), 'bench-db-')), 'bench.db')

function ours (name: string, store: () => Promise<Record<string, string>>, options: { throughputOnly?: boolean, burst?: boolean } = {}): Target {
  return {
    name,
    dialect: chatDialect,
    checkStored: true,
    ...options,
    start: async (port, model) => {
      const child = start(process.execPath, [join(root, 'dist/src/server.js')], {
        cwd: mkdtempSync(join(tmpdir(), 'therapybot-bench-')),
        env: {
          PATH: process.env.PATH,
          NODE_OPTIONS: productionNodeOptions(),
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
    dialect: chatDialect,
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

/** A Node program of bench/ (the card stack, the AI SDK peer) with V8's defaults. */
function benchServer (name: string, file: string, dialect: Dialect, options: { burst?: boolean } = {}): Target {
  return {
    name,
    dialect,
    ...options,
    start: async (port, model) => {
      const child = start(process.execPath, [join(root, 'dist/bench', file)], {
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
    dialect: chatDialect,
    burst: true,
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

interface Level extends Omit<ConcurrencyResult, 'outcomes'> {
  streams: number
  overMs: number
  peakRssMb: number
  serverCpuSeconds: number
  tokens: number
  cpuUsPerToken: number
  cpuUsPerChat: number
  storedChecked?: string
}

interface Row {
  target: string
  throughput?: ThroughputResult & { serverCpuSeconds: number, cpuUsPerChat: number }
  paced: Level[]
  burst?: Level
  idleRssMb: number
  steady?: SteadyResult
}

interface HistoryPoint {
  turns: number
  chats: number
  errors: number
  chatsPerSecond: number
  cpuUsPerChat: number
  peakRssMb: number
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

async function streamsLevel (target: Target, baseUrl: string, pid: number, streams: number, overMs: number): Promise<Level> {
  const expected = modelText(STREAM_TOKENS)
  await sleep(1000)
  const cpu = cpuSeconds(pid)
  const peak = watchPeakRss(pid)
  const result = await concurrency(baseUrl, streams, expected, STREAM_TIMEOUT_MS, overMs, target.dialect)
  const peakRss = peak()
  const serverCpu = cpuSeconds(pid) - cpu
  const tokens = result.outcomes.reduce((sum, o) => sum + o.tokens, 0)
  const level: Level = {
    ...result,
    streams,
    overMs,
    peakRssMb: peakRss / 2 ** 20,
    serverCpuSeconds: serverCpu,
    tokens,
    cpuUsPerToken: tokens > 0 ? serverCpu * 1e6 / tokens : NaN,
    cpuUsPerChat: result.completed > 0 ? serverCpu * 1e6 / result.completed : NaN,
    storedChecked: target.checkStored === true ? await checkStored(baseUrl, result, expected) : undefined
  }
  delete (level as Partial<ConcurrencyResult>).outcomes
  const how = overMs === 0 ? 'at once' : `over ${overMs / 1000} s`
  console.log(`  ${target.name}, ${streams} ${how}: ${result.completed} ok, ${result.failed} failed, TTFT p50 ${result.ttftP50Ms.toFixed(1)} ms p99 ${result.ttftP99Ms.toFixed(1)} ms, peak RSS ${level.peakRssMb.toFixed(0)} MB, ${fmt(level.cpuUsPerToken)} µs CPU/token${level.storedChecked !== undefined ? `, stored ${level.storedChecked}` : ''}`)
  return level
}

/** Throughput on a freshly started target, then (some targets) the burst. */
async function measure (target: Target, model: string): Promise<Row> {
  const port = await freePort()
  const child = await target.start(port, model)
  const pid = child.pid as number
  const baseUrl = `http://127.0.0.1:${port}`
  const row: Row = { target: target.name, paced: [], idleRssMb: rssBytes(pid) / 2 ** 20 }
  try {
    await configureModel(model, THROUGHPUT_TOKENS, 0)
    const cpuBefore = cpuSeconds(pid)
    const tp = await throughput(baseUrl, THROUGHPUT_SECONDS, CONNECTIONS, target.dialect)
    const serverCpuSeconds = cpuSeconds(pid) - cpuBefore
    row.throughput = { ...tp, serverCpuSeconds, cpuUsPerChat: tp.chats > 0 ? serverCpuSeconds * 1e6 / tp.chats : NaN }
    console.log(`  ${target.name}: ${tp.chatsPerSecond.toFixed(0)} chats/s, p50 ${tp.p50Ms} ms, p99 ${tp.p99Ms} ms, ${tp.errors} errors, ${fmt(row.throughput.cpuUsPerChat)} µs CPU/chat`)
    if (target.burst === true) {
      await configureModel(model, STREAM_TOKENS, STREAM_DELAY_MS)
      row.burst = await streamsLevel(target, baseUrl, pid, BURST, 0)
    }
  } finally {
    await stop(child)
  }
  return row
}

/**
 * On a freshly started target, so that the throughput run's garbage weighs on neither: the steady
 * load first (time to first token), then the streams opened over OPEN_OVER_MS, smallest first.
 */
async function measureStreams (target: Target, model: string, row: Row): Promise<void> {
  const port = await freePort()
  const child = await target.start(port, model)
  const pid = child.pid as number
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await configureModel(model, STREAM_TOKENS, STREAM_DELAY_MS)
    row.steady = await steadyStreams(baseUrl, STEADY_OPEN, STREAM_MS, STEADY_SECONDS, modelText(STREAM_TOKENS), STREAM_TIMEOUT_MS, target.dialect)
    console.log(`  ${target.name} with ${STEADY_OPEN} streams open: TTFT p50 ${row.steady.ttftP50Ms.toFixed(2)} ms p99 ${row.steady.ttftP99Ms.toFixed(1)} ms, ${row.steady.failed} failed`)
    for (const streams of PACED) row.paced.push(await streamsLevel(target, baseUrl, pid, streams, OPEN_OVER_MS))
  } finally {
    await stop(child)
  }
}

const USER_TURN = 'I have been feeling anxious about work lately, and I keep lying awake going over the day.'
const REPLY_TURN = 'That sounds exhausting. Lying awake replaying the day is common when work feels uncertain. What part of it comes back to you most at night?'

/** A database in which each of `sessions` sessions already holds `turns` messages, written through the store itself. */
async function seededDatabase (sessions: number, turns: number): Promise<{ path: string, keys: Array<{ userId: string, sessionId: string }> }> {
  const path = sqliteFile()
  const store = createSqliteStore(path)
  const keys = Array.from({ length: sessions }, (_v, i) => ({ userId: `hist-user-${i}`, sessionId: `hist-${turns}-${i}` }))
  const at = Date.now() - 3600_000
  for (let first = 0; first < sessions; first += 100) {
    await Promise.all(keys.slice(first, first + 100).flatMap(key => Array.from({ length: turns }, (_v, t) => store.appendMessage(key, {
      id: randomUUID(),
      role: t % 2 === 0 ? 'user' : 'assistant',
      content: t % 2 === 0 ? USER_TURN : REPLY_TURN,
      createdAt: new Date(at + t * 1000).toISOString(),
      status: 'complete'
    }))))
  }
  await store.close()
  return { path, keys }
}

/** CPU per chat and peak RSS with the history each chat's session already holds (sqlite, one chat per seeded session). */
async function measureHistory (model: string): Promise<HistoryPoint[]> {
  const points: HistoryPoint[] = []
  await configureModel(model, THROUGHPUT_TOKENS, 0)
  for (const turns of HISTORY_TURNS) {
    const { path, keys } = await seededDatabase(HISTORY_CHATS, turns)
    const target = ours(`history ${turns}`, async () => ({ STORE: 'sqlite', SQLITE_PATH: path }))
    const port = await freePort()
    const child = await target.start(port, model)
    const pid = child.pid as number
    try {
      let next = 0
      const body = (): string => {
        const key = keys[next++ % keys.length] as { userId: string, sessionId: string }
        return JSON.stringify({ message: 'It happened again last night', ...key })
      }
      // Warmed up first (the compiler, the pools) on sessions of their own, as a running service is.
      await throughput(`http://127.0.0.1:${port}`, 0, CONNECTIONS, chatDialect, { amount: HISTORY_WARMUP })
      const cpu = cpuSeconds(pid)
      const peak = watchPeakRss(pid)
      const tp = await throughput(`http://127.0.0.1:${port}`, 0, CONNECTIONS, chatDialect, { amount: keys.length, body })
      const serverCpu = cpuSeconds(pid) - cpu
      const point = { turns, chats: tp.chats, errors: tp.errors, chatsPerSecond: tp.chatsPerSecond, cpuUsPerChat: tp.chats > 0 ? serverCpu * 1e6 / tp.chats : NaN, peakRssMb: peak() / 2 ** 20 }
      points.push(point)
      console.log(`  ${turns} stored turns: ${point.chats} chats, ${point.errors} errors, ${fmt(point.cpuUsPerChat)} µs CPU/chat, peak RSS ${fmt(point.peakRssMb)} MB`)
    } finally {
      await stop(child)
    }
  }
  return points
}

const fmt = (value: number | undefined, digits = 0): string => value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits)
const ratioOf = (a?: number, b?: number): number | undefined => a === undefined || b === undefined || b === 0 || Number.isNaN(a) || Number.isNaN(b) ? undefined : a / b
const times = (value?: number): string => value === undefined ? '—' : `${value.toFixed(2)}×`
const verdict = (met: boolean | undefined): string => met === undefined ? 'not measured' : met ? 'met' : 'not met'

/** Server CPU per streamed token over the paced loads together. */
function cpuPerToken (row?: Row): number | undefined {
  const levels = row?.paced ?? []
  const tokens = levels.reduce((sum, l) => sum + l.tokens, 0)
  return tokens === 0 ? undefined : levels.reduce((sum, l) => sum + l.serverCpuSeconds, 0) * 1e6 / tokens
}

function growthSvg (rows: Row[], history: HistoryPoint[]): string {
  const streamRows = rows.filter(r => r.paced.length > 0 && !r.target.startsWith('flask') && !r.target.startsWith('node-raw'))
  const bySize = (pick: (l: Level) => number) => streamRows.map(r => ({ name: r.target, points: r.paced.map(l => ({ x: l.streams, y: pick(l) })) }))
  const service = 'this service (sqlite)'
  return chartSvg([
    { title: 'CPU per chat by stored history', xLabel: 'stored turns (log scale)', yLabel: 'server CPU µs per chat', logX: true, series: [{ name: service, points: history.map(p => ({ x: p.turns, y: p.cpuUsPerChat })) }] },
    { title: 'Peak RSS by stored history', xLabel: 'stored turns (log scale)', yLabel: 'peak RSS MB', logX: true, series: [{ name: service, points: history.map(p => ({ x: p.turns, y: p.peakRssMb })) }] },
    { title: `CPU per chat by streams opened over ${OPEN_OVER_MS / 1000} s`, xLabel: 'streams', yLabel: 'server CPU µs per chat', series: bySize(l => l.cpuUsPerChat) },
    { title: `Peak RSS by streams opened over ${OPEN_OVER_MS / 1000} s`, xLabel: 'streams', yLabel: 'peak RSS MB', series: bySize(l => l.peakRssMb) }
  ])
}

function report (rows: Row[], history: HistoryPoint[], modelSteady: SteadyResult, started: Date, command: string, nodeOptions: string): string {
  const by = (name: string): Row | undefined => rows.find(r => r.target === name)
  const sqlite = by('this service (sqlite)')
  const redis = by('this service (redis)')
  const encrypted = by('this service (sqlite, encrypted)')
  const flask1 = by('flask seed, gevent ×1')
  const card = by('design card stack only')
  const aiSdk = by('AI SDK peer')
  const chats = (row?: Row): number | undefined => row?.throughput?.chatsPerSecond
  const serverAdded = (row: Row | undefined, p: 'ttftP50Ms' | 'ttftP99Ms'): number | undefined => row?.steady === undefined ? undefined : row.steady[p] - modelSteady[p]
  const streamRow = (r: Row, l: Level): string =>
    `| ${r.target} | ${l.overMs === 0 ? 'at once' : `over ${l.overMs / 1000} s`} | ${l.streams} | ${l.completed} | ${l.failed} | ${fmt(l.ttftP50Ms, 1)} | ${fmt(l.ttftP99Ms, 1)} | ${fmt(l.peakRssMb)} | ${fmt(l.serverCpuSeconds, 1)} | ${fmt(l.cpuUsPerToken)} | ${fmt(l.cpuUsPerChat)} | ${l.storedChecked ?? '—'} | ${fmt(l.loaderCpuSeconds, 1)} |`

  const vsCard = ratioOf(chats(sqlite), chats(card))
  const vsFlask = ratioOf(chats(sqlite), chats(flask1))
  const vsAiSdk = ratioOf(chats(sqlite), chats(aiSdk))
  const tokenRatio = ratioOf(cpuPerToken(sqlite), cpuPerToken(card))
  const tenThousand = (row?: Row): Level | undefined => row?.paced.find(l => l.streams === 10000)
  const big = tenThousand(sqlite)
  const p50 = serverAdded(sqlite, 'ttftP50Ms')
  const p99 = serverAdded(sqlite, 'ttftP99Ms')
  const vsSqlite = ratioOf(chats(redis), chats(sqlite))
  const encryptionUs = encrypted?.throughput !== undefined && sqlite?.throughput !== undefined ? encrypted.throughput.cpuUsPerChat - sqlite.throughput.cpuUsPerChat : undefined
  const when = (value: number | undefined, test: (v: number) => boolean): boolean | undefined => value === undefined ? undefined : test(value)

  const lines = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` on ${started.toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    'Everything ran on 127.0.0.1 in this one run, sharing the machine: the mock model (its own process), the',
    'server under test and the load generator. Absolute numbers vary from run to run here; compare the ratios.',
    `This service runs with the heap cap production uses (\`NODE_OPTIONS=${nodeOptions}\`, as \`npm start\`, the Dockerfile`,
    'and the Kubernetes Deployment set it); the other Node targets with V8\'s defaults. The AI SDK peer is `streamText` with',
    '`@ai-sdk/anthropic` answered as its UI message stream behind `node:http` (`bench/ai-sdk-peer.ts`): no history,',
    'safety screen, storage or resume. The card stack is Fastify, fastify-sse-v2 and the Anthropic SDK alone (`bench/card-stack.ts`).',
    '',
    '## Ratios in this run, against the targets',
    '',
    '| target | this run | | |',
    '|---|---:|---|---|',
    `| throughput ≥ 0.85× the design card's stack alone | ${times(vsCard)} | ${verdict(when(vsCard, v => v >= 0.85))} | |`,
    `| throughput ≥ 5× the Flask seed, gevent ×1 | ${times(vsFlask)} | ${verdict(when(vsFlask, v => v >= 5))} | |`,
    `| throughput ahead of the AI SDK peer | ${times(vsAiSdk)} | ${verdict(when(vsAiSdk, v => v > 1))} | |`,
    `| CPU per streamed token ≤ 1.25× the card stack's (the streams opened over ${OPEN_OVER_MS / 1000} s, all sizes together) | ${times(tokenRatio)} | ${verdict(when(tokenRatio, v => v <= 1.25))} | ${fmt(cpuPerToken(sqlite))} against ${fmt(cpuPerToken(card))} µs |`,
    `| 10,000 streams opened over ${OPEN_OVER_MS / 1000} s: none failed | ${big === undefined ? '—' : `${big.failed} failed`} | ${verdict(big === undefined ? undefined : big.failed === 0)} | |`,
    `| 10,000 streams opened over ${OPEN_OVER_MS / 1000} s: peak RSS ≤ 600 MB | ${fmt(big?.peakRssMb)} MB | ${verdict(when(big?.peakRssMb, v => v <= 600))} | |`,
    `| server-added time to first token with ${STEADY_OPEN} streams open: p50 ≤ 2 ms | ${fmt(p50, 2)} ms | ${verdict(when(p50, v => v <= 2))} | |`,
    `| server-added time to first token with ${STEADY_OPEN} streams open: p99 ≤ 20 ms | ${fmt(p99, 1)} ms | ${verdict(when(p99, v => v <= 20))} | |`,
    `| \`STORE=redis\` throughput ≥ 0.7× sqlite's | ${times(vsSqlite)} | ${verdict(when(vsSqlite, v => v >= 0.7))} | |`,
    '',
    `Encryption at rest (\`STORE_ENCRYPTION_KEYS\`, sqlite) costs ${fmt(encryptionUs)} µs of server CPU per chat in the throughput run ` +
      `(${fmt(encrypted?.throughput?.cpuUsPerChat)} against ${fmt(sqlite?.throughput?.cpuUsPerChat)} µs), ${times(ratioOf(chats(encrypted), chats(sqlite)))} the throughput without it.`,
    `For scale: this service makes ${times(ratioOf(chats(sqlite), chats(by('node-raw floor'))))} the bare-Node floor's chats/s; the card stack ${times(ratioOf(chats(card), chats(by('node-raw floor'))))}, the AI SDK peer ${times(ratioOf(chats(aiSdk), chats(by('node-raw floor'))))}.`,
    '',
    `## Throughput: complete chats per second (${THROUGHPUT_TOKENS}-token replies, model answering at once, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s, autocannon)`,
    '',
    '| target | chats/s | p50 ms | p99 ms | errors | server CPU s | CPU µs/chat | load generator CPU s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.target} | ${fmt(r.throughput?.chatsPerSecond)} | ${fmt(r.throughput?.p50Ms)} | ${fmt(r.throughput?.p99Ms)} | ${r.throughput?.errors ?? '—'} | ${fmt(r.throughput?.serverCpuSeconds, 1)} | ${fmt(r.throughput?.cpuUsPerChat)} | ${fmt(r.throughput?.loaderCpuSeconds, 1)} |`),
    '',
    `## Concurrency: N chats opened over ${OPEN_OVER_MS / 1000} s (${STREAM_TOKENS} tokens ${STREAM_DELAY_MS} ms apart, so about N open at the end), and ${BURST} at once as a stress figure (undici client)`,
    '',
    `The streams opened over ${OPEN_OVER_MS / 1000} s run on a freshly started target after its steady load (the next table), smallest N first.`,
    'The burst (this service on sqlite, the card stack and the floor) runs right after the throughput run and opens every',
    'connection within about a second: a single process accepts one connection per event-loop turn, the listen queue',
    'overflows and the kernel resets some half-open connections (bench/PROFILE.md). Peak RSS is the process\'s highest',
    'resident memory during the load; CPU µs/chat is the server\'s CPU over the load divided by the completed chats.',
    '',
    '| target | opened | N | completed | failed | TTFT p50 ms | TTFT p99 ms | peak RSS MB | server CPU s | CPU µs/token | CPU µs/chat | stored once, as streamed | load generator CPU s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.flatMap(r => [...r.paced, ...(r.burst === undefined ? [] : [r.burst])].map(l => streamRow(r, l))),
    '',
    `## Time to first token with ${STEADY_OPEN} streams open (chats started evenly, ${(STEADY_OPEN * 1000 / STREAM_MS).toFixed(0)} a second, each ${STREAM_TOKENS} tokens ${STREAM_DELAY_MS} ms apart; ${STEADY_SECONDS} s, the streams started in the first ${STREAM_MS / 1000} s not counted)`,
    '',
    `Server-added = the target's TTFT minus the mock model's own, measured the same way against the mock directly (p50 ${fmt(modelSteady.ttftP50Ms, 2)} ms, p99 ${fmt(modelSteady.ttftP99Ms, 1)} ms).`,
    '',
    '| target | streams measured | failed | TTFT p50 ms | TTFT p99 ms | server-added p50 ms | server-added p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.filter(r => r.steady !== undefined).map(r => `| ${r.target} | ${r.steady?.measured ?? '—'} | ${r.steady?.failed ?? '—'} | ${fmt(r.steady?.ttftP50Ms, 2)} | ${fmt(r.steady?.ttftP99Ms, 1)} | ${fmt(serverAdded(r, 'ttftP50Ms'), 2)} | ${fmt(serverAdded(r, 'ttftP99Ms'), 1)} |`),
    '',
    '## Growth: what a chat costs as the stored history and the open streams grow (for sizing pods)',
    '',
    `![CPU per chat and peak RSS by stored history and by open streams](bench/growth.svg)`,
    '',
    `Stored history: ${HISTORY_CHATS} chats, one per session, each session already holding N stored turns (messages, the user's`,
    `and the replies alternating, written through the store before the service starts; the service reads the newest 200 as history),`,
    `sqlite, ${THROUGHPUT_TOKENS}-token replies, ${CONNECTIONS} connections, a freshly started service each time, warmed up by ${HISTORY_WARMUP} chats on new sessions.`,
    '',
    '| stored turns | chats | errors | chats/s | CPU µs/chat | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|',
    ...history.map(p => `| ${p.turns} | ${p.chats} | ${p.errors} | ${fmt(p.chatsPerSecond)} | ${fmt(p.cpuUsPerChat)} | ${fmt(p.peakRssMb)} |`),
    '',
    `Open streams: N opened over ${OPEN_OVER_MS / 1000} s (the concurrency table's rows).`,
    '',
    `| target | ${PACED.map(n => `CPU µs/chat at ${n}`).join(' | ')} | ${PACED.map(n => `peak RSS MB at ${n}`).join(' | ')} |`,
    `|---|${PACED.map(() => '---:').join('|')}|${PACED.map(() => '---:').join('|')}|`,
    ...rows.filter(r => r.paced.length > 0).map(r => `| ${r.target} | ${PACED.map(n => fmt(r.paced.find(l => l.streams === n)?.cpuUsPerChat)).join(' | ')} | ${PACED.map(n => fmt(r.paced.find(l => l.streams === n)?.peakRssMb)).join(' | ')} |`),
    ''
  ]
  return lines.join('\n')
}

async function main (): Promise<void> {
  const started = new Date()
  const command = QUICK ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench'
  const nodeOptions = productionNodeOptions()
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

  const only = process.env.BENCH_ONLY?.split(',')
  const targets: Target[] = [
    ours('this service (sqlite)', async () => ({ STORE: 'sqlite', SQLITE_PATH: sqliteFile() }), { burst: true }),
    ours('this service (redis)', async () => ({ STORE: 'redis', REDIS_URL: redis.url })),
    ours('this service (sqlite, encrypted)', async () => ({ STORE: 'sqlite', SQLITE_PATH: sqliteFile(), STORE_ENCRYPTION_KEYS: randomBytes(32).toString('base64') }), { throughputOnly: true }),
    benchServer('design card stack only', 'card-stack.js', chatDialect, { burst: true }),
    benchServer('AI SDK peer', 'ai-sdk-peer.js', aiSdkDialect),
    ...(flaskReady ? [flask(1), flask(2)] : []),
    nodeRaw(nodeRawDir)
  ].filter(t => only === undefined || only.some(name => t.name.includes(name)))
  const rows: Row[] = []
  let history: HistoryPoint[] = []
  try {
    for (const target of targets) {
      console.log(`measuring ${target.name}`)
      const began = performance.now()
      const row = await measure(target, model)
      if (target.throughputOnly !== true) await measureStreams(target, model, row)
      rows.push(row)
      console.log(`  (${((performance.now() - began) / 1000).toFixed(0)} s)`)
    }
    if (only === undefined || only.includes('history')) {
      console.log('measuring this service (sqlite) with stored history')
      const began = performance.now()
      history = await measureHistory(model)
      console.log(`  (${((performance.now() - began) / 1000).toFixed(0)} s)`)
    }
  } finally {
    mock.kill()
    await stop(redis.child)
  }
  const markdown = `${report(rows, history, modelSteady, started, command, nodeOptions)}\n${riskScreenReport(QUICK ? 3 : 10)}`
  console.log('\n' + markdown)
  console.log(`the whole run: ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min`)
  // The profile notes are written by hand (bench/PROFILE.md) and kept with the numbers.
  const notes = readFileSync(join(root, 'bench/PROFILE.md'), 'utf8')
  const suffix = QUICK || only !== undefined ? '.quick' : ''
  writeFileSync(join(root, `bench/growth${suffix}.svg`), growthSvg(rows, history))
  writeFileSync(join(root, `BENCHMARKS${suffix}.md`), `${markdown.replace('bench/growth.svg', `bench/growth${suffix}.svg`)}\n${notes}`)
}

await main()
