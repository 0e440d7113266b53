// Provides `app.redis`: one ioredis connection when STORE=redis (else null), shared by the store,
// the reply bus and the rate limiter. Commands fail fast while Redis is away (so requests answer
// 503 rather than hang), and the client reconnects by itself when it returns.
import { once } from 'node:events'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | null
  }
}

const CONNECT_WAIT_MS = 5000

export default fp(async function redisPlugin (app) {
  if (app.config.STORE !== 'redis') {
    app.decorate('redis', null)
    return
  }
  // Loaded only here: the sqlite and memory stores need no Redis client in memory.
  const { Redis } = await import('ioredis')
  const redis = new Redis(app.config.REDIS_URL, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000)
  })
  // Log when the connection is lost and when it returns, not every failed reconnect.
  let healthy = true
  redis.on('error', (error) => {
    if (healthy) app.log.error({ err: error }, 'redis connection lost')
    healthy = false
  })
  redis.on('ready', () => {
    if (!healthy) app.log.info('redis connection back')
    healthy = true
  })
  app.decorate('redis', redis)
  app.addHook('onClose', async () => { redis.disconnect() })
  // Start even when Redis is away: readiness says so, and service resumes when it returns.
  await Promise.race([once(redis, 'ready'), new Promise(resolve => setTimeout(resolve, CONNECT_WAIT_MS).unref())])
}, { name: 'redis', dependencies: ['config'] })
