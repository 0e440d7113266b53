// @fastify/rate-limit: RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS, per user (the token's
// subject) or per IP when anonymous. Routes opt in with `config: { rateLimit: app.rateLimitPolicy }`.
// Also `app.authFailures`: AUTH_FAILURES_MAX refused tokens per window per IP, for the auth hook,
// which runs before the per-user limit can (it needs the subject).
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import { httpError } from './errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitPolicy: RateLimitOptions
    authFailures: AuthFailures
  }
}

export interface AuthFailures {
  /** Whether this address may try a token now; `retryAfter` in seconds when not. */
  check: (request: FastifyRequest) => Promise<{ allowed: boolean, retryAfter: number }>
  /** Counts a refused token. */
  count: (request: FastifyRequest) => Promise<void>
}

export default fp(async function rateLimitPlugin (app) {
  await app.register(rateLimit, {
    global: false,
    // After authentication (onRequest), so a signed-in user is counted as themself wherever they connect from.
    hook: 'preHandler',
    keyGenerator: (request) => app.clientKey(request),
    errorResponseBuilder: (_request, context) => httpError('RATE_LIMITED', `Too many requests; retry in ${context.after}`),
    // With Redis the counters are shared by every instance; if Redis is away, requests pass (and the store answers 503).
    ...(app.redis !== null ? { redis: app.redis, skipOnError: true } : {})
  })
  app.decorate('rateLimitPolicy', { max: app.config.RATE_LIMIT_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS })
  const failures = app.createRateLimit({
    max: app.config.AUTH_FAILURES_MAX,
    timeWindow: app.config.RATE_LIMIT_WINDOW_MS,
    keyGenerator: (request) => `auth-failure:${request.ip}`
  })
  app.decorate('authFailures', {
    check: async (request) => {
      const result = await failures(request, { increment: false })
      if (result.isAllowed) return { allowed: true, retryAfter: 0 }
      return { allowed: result.remaining > 0, retryAfter: Math.max(1, result.ttlInSeconds) }
    },
    count: async (request) => { await failures(request) }
  } satisfies AuthFailures)
}, { name: 'rate-limit', dependencies: ['config', 'auth', 'redis'] })
