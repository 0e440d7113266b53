// Starting the processes under test, and reading their CPU time and memory from /proc.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'

export async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export async function waitForHttp (url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {}
    await sleep(100)
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

export function start (command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => { errors = (errors + chunk.toString()).slice(-2000) })
  child.on('exit', (code) => { if (code !== 0 && code !== null) process.stderr.write(`${command} exited ${code}: ${errors}\n`) })
  return child
}

export async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** The process and all its descendants (gunicorn's workers). */
function tree (pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  const all = [pid]
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i] as number) ?? []))
  return all
}

/** CPU seconds (user + system) used so far by the process tree. */
export function cpuSeconds (pid: number): number {
  let ticks = 0
  for (const p of tree(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {}
  }
  return ticks / 100
}

/** Resident memory of the process tree, in bytes. */
export function rssBytes (pid: number): number {
  let kb = 0
  for (const p of tree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0)
    } catch {}
  }
  return kb * 1024
}

/** Samples the tree's RSS until stopped; returns the peak. */
export function watchPeakRss (pid: number): () => number {
  let peak = rssBytes(pid)
  const timer = setInterval(() => { peak = Math.max(peak, rssBytes(pid)) }, 100)
  return () => {
    clearInterval(timer)
    return Math.max(peak, rssBytes(pid))
  }
}
