// Starts a real redis-server on a free loopback port for a test, and stops it after.
// Without the binary the test is skipped, except under CI=true, where that is a failure.
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { once } from 'node:events'
import type { Test } from 'tap'
import { freePort } from './helper.ts'

export interface RedisServer {
  url: string
  stop: () => Promise<void>
  start: () => Promise<void>
}


export async function startRedis (t: Test): Promise<RedisServer | undefined> {
  const port = await freePort()
  let child: ChildProcess | undefined

  async function start (): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    await new Promise<void>((resolve, reject) => {
      let output = ''
      proc.once('error', reject)
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) resolve()
      })
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
    })
  }

  async function stop (): Promise<void> {
    if (child === undefined || child.exitCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGKILL')
    await exited
  }

  try {
    await start()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.env.CI !== 'true') {
      t.skip('redis-server is not installed (apt-get install redis-server)', () => {})
      return undefined
    }
    throw error
  }
  t.teardown(stop)
  return { url: `redis://127.0.0.1:${port}`, stop, start }
}

/** A real redis-server and a client connected to it, disconnected after the test; undefined when skipped. */
export async function startRedisClient (t: Test): Promise<{ server: RedisServer, redis: Redis } | undefined> {
  const server = await startRedis(t)
  if (server === undefined) return undefined
  const redis = new Redis(server.url)
  t.teardown(() => redis.disconnect())
  return { server, redis }
}
