// @fastify/rate-limit: RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS, per user (the token's
// subject) or per IP when anonymous. Routes opt in with `config: { rateLimit: app.rateLimitPolicy }`.
import fp from 'fastify-plugin'
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import createError from '@fastify/error'

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitPolicy: RateLimitOptions
  }
}

const RateLimitedError = createError('RATE_LIMITED', 'Too many requests; retry in %s', 429)

export default fp(async function rateLimitPlugin (app) {
  await app.register(rateLimit, {
    global: false,
    // After authentication (onRequest), so a signed-in user is counted as themself wherever they connect from.
    hook: 'preHandler',
    keyGenerator: (request) => app.authEnabled && typeof request.user?.sub === 'string' ? `user:${request.user.sub}` : `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after),
    // With Redis the counters are shared by every instance; if Redis is away, requests pass (and the store answers 503).
    ...(app.redis !== null ? { redis: app.redis, skipOnError: true } : {})
  })
  app.decorate('rateLimitPolicy', { max: app.config.RATE_LIMIT_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS })
}, { name: 'rate-limit', dependencies: ['config', 'auth', 'redis'] })
