// Builds the session store the configuration names.
import type { Redis } from 'ioredis'
import { createMemoryStore } from './memory.ts'
import { createRedisStore } from './redis.ts'
import { createSqliteStore } from './sqlite.ts'
import type { SessionStore } from './types.ts'

export interface StoreOptions {
  type: 'sqlite' | 'memory' | 'redis'
  sqlitePath: string
  redis: Redis | null
  sessionTtlMs: number
}

// A crashed instance holds a session for at most this long.
const REPLY_LOCK_TTL_MS = 60000

export function createStore (options: StoreOptions): SessionStore {
  if (options.type === 'redis') {
    if (options.redis === null) throw new Error('STORE=redis needs a Redis connection')
    return createRedisStore(options.redis, { sessionTtlMs: options.sessionTtlMs, lockTtlMs: REPLY_LOCK_TTL_MS })
  }
  return options.type === 'sqlite' ? createSqliteStore(options.sqlitePath) : createMemoryStore()
}
