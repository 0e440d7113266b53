// Authentication: off by default (as the Flask version was, userId from the body or query); on with
// AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256/ES256 keys from a JWKS, cached). Provides
// `app.authenticate` (an onRequest hook for the routes that touch sessions) and `app.userFor`.
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import buildGetJwks from 'get-jwks'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { userIdOf } from '../src/chat/identity.ts'
import { forbiddenUser, tooManyAuthFailures, unauthorized } from './errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    authEnabled: boolean
    /** Verifies the bearer token when authentication is on. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** Whose session this is: the token's subject (a differing claimed userId is 403), else the claimed one. */
    userFor: (request: FastifyRequest, claimedUserId: string | undefined) => string
    /**
     * Who is asking, for limits: the token's subject, or the address when anonymous (a claimed
     * userId is the client's choice, so it is no key).
     */
    clientKey: (request: FastifyRequest) => string
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    user: { sub?: string }
  }
}

const JWKS_CACHE_TTL_MS = 10 * 60 * 1000
// After a key id the set did not hold, unknown ids are refused without fetching the set for this long:
// tokens with made-up ids cannot make the service hammer the identity provider.
const JWKS_MISS_WINDOW_MS = 60 * 1000
const JWKS_ALGORITHMS = ['RS256', 'ES256']

export default fp(async function authPlugin (app) {
  const { AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: jwksUrl, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience, AUTH_JWT_MAX_AGE: maxAgeSeconds } = app.config
  const enabled = secret !== '' || jwksUrl !== ''
  app.decorate('authEnabled', enabled)
  app.decorate('clientKey', (request: FastifyRequest) =>
    enabled && typeof request.user?.sub === 'string' ? `user:${request.user.sub}` : `ip:${request.ip}`)

  if (!enabled) {
    // Production refuses to start this way unless AUTH_DISABLED=true says so (src/security-settings.ts).
    app.log.warn('authentication is off: whoever sends a userId and sessionId reads, continues and erases that conversation; set AUTH_JWT_SECRET or AUTH_JWKS_URL')
    app.decorate('authenticate', async () => {})
    app.decorate('userFor', (_request: FastifyRequest, claimed: string | undefined) => userIdOf(claimed))
    return
  }

  const verify = {
    algorithms: secret !== '' ? ['HS256' as const] : ['RS256' as const, 'ES256' as const],
    ...(issuer !== '' ? { allowedIss: issuer } : {}),
    ...(audience !== '' ? { allowedAud: audience } : {}),
    // No token lives forever: it must expire, and is refused AUTH_JWT_MAX_AGE after it was issued;
    // a configured issuer or audience must be present, not only match when it is.
    requiredClaims: ['sub', 'exp', 'iat', ...(issuer !== '' ? ['iss'] : []), ...(audience !== '' ? ['aud'] : [])],
    maxAge: maxAgeSeconds // @fastify/jwt counts a number in seconds
  }
  if (secret !== '') {
    await app.register(fastifyJwt, { secret, verify })
  } else {
    // The keys come only from the configured URL, never from a domain named in the token.
    const url = new URL(jwksUrl)
    const getJwks = buildGetJwks({ jwksPath: url.pathname + url.search, ttl: JWKS_CACHE_TTL_MS, max: 50 })
    const found = new Set<string>()
    let missedAt = -Infinity
    await app.register(fastifyJwt, {
      decode: { complete: true },
      secret: async (_request: FastifyRequest, token: any) => {
        const { kid, alg } = token.header as { kid?: unknown, alg?: unknown }
        // Checked before any fetch: a varied alg must not evict good keys from the cache.
        if (typeof alg !== 'string' || !JWKS_ALGORITHMS.includes(alg) || typeof kid !== 'string' || kid.length > 200) {
          throw new Error('unsupported key')
        }
        const known = found.has(`${alg}:${kid}`)
        if (!known && Date.now() - missedAt < JWKS_MISS_WINDOW_MS) throw new Error('unknown key id')
        try {
          const key = await getJwks.getPublicKey({ kid, alg, domain: url.origin })
          if (found.size < 1000) found.add(`${alg}:${kid}`)
          return key
        } catch (error) {
          if (!known) missedAt = Date.now()
          throw error
        }
      },
      verify
    })
  }

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    // Decorated by the rate-limit plugin, registered after this one; there by the first request.
    const failures = app.authFailures
    const allowed = await failures.check(request)
    if (!allowed.allowed) {
      reply.header('Retry-After', String(allowed.retryAfter))
      throw tooManyAuthFailures()
    }
    try {
      await request.jwtVerify()
    } catch (error) {
      await failures.count(request)
      reply.header('WWW-Authenticate', 'Bearer')
      request.log.info({ reason: (error as { code?: string }).code }, 'token refused')
      throw unauthorized()
    }
    if (typeof request.user.sub !== 'string' || request.user.sub === '') {
      reply.header('WWW-Authenticate', 'Bearer')
      throw unauthorized()
    }
  })
  app.decorate('userFor', (request: FastifyRequest, claimed: string | undefined) => {
    const subject = request.user.sub as string
    if (claimed !== undefined && claimed !== subject) throw forbiddenUser()
    return subject
  })
}, { name: 'auth', dependencies: ['config'] })
