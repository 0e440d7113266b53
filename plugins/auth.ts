// Authentication: off by default (the seed's behaviour, userId from the body or query); on with
// AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256/ES256 keys from a JWKS, cached). Provides
// `app.authenticate` (an onRequest hook for the routes that touch sessions) and `app.userFor`.
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import buildGetJwks from 'get-jwks'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { userIdOf } from '../src/chat/identity.ts'
import { ForbiddenUserError, UnauthorizedError } from '../src/errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    authEnabled: boolean
    /** Verifies the bearer token when authentication is on. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** Whose session this is: the token's subject (a differing claimed userId is 403), else the claimed one. */
    userFor: (request: FastifyRequest, claimedUserId: string | undefined) => string
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    user: { sub?: string }
  }
}

const JWKS_CACHE_TTL_MS = 10 * 60 * 1000

export default fp(async function authPlugin (app) {
  const { AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: jwksUrl, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience } = app.config
  const enabled = secret !== '' || jwksUrl !== ''
  app.decorate('authEnabled', enabled)

  if (!enabled) {
    app.decorate('authenticate', async () => {})
    app.decorate('userFor', (_request: FastifyRequest, claimed: string | undefined) => userIdOf(claimed))
    return
  }

  const verify = {
    algorithms: secret !== '' ? ['HS256' as const] : ['RS256' as const, 'ES256' as const],
    ...(issuer !== '' ? { allowedIss: issuer } : {}),
    ...(audience !== '' ? { allowedAud: audience } : {}),
    requiredClaims: ['sub']
  }
  if (secret !== '') {
    await app.register(fastifyJwt, { secret, verify })
  } else {
    // The keys come only from the configured URL, never from a domain named in the token.
    const url = new URL(jwksUrl)
    const getJwks = buildGetJwks({ jwksPath: url.pathname + url.search, ttl: JWKS_CACHE_TTL_MS, max: 50 })
    await app.register(fastifyJwt, {
      decode: { complete: true },
      secret: async (_request: FastifyRequest, token: any) => {
        return await getJwks.getPublicKey({ kid: token.header.kid, alg: token.header.alg, domain: url.origin })
      },
      verify
    })
  }

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify()
    } catch (error) {
      reply.header('WWW-Authenticate', 'Bearer')
      request.log.info({ reason: (error as { code?: string }).code }, 'token refused')
      throw new UnauthorizedError()
    }
    if (typeof request.user.sub !== 'string' || request.user.sub === '') {
      reply.header('WWW-Authenticate', 'Bearer')
      throw new UnauthorizedError()
    }
  })
  app.decorate('userFor', (request: FastifyRequest, claimed: string | undefined) => {
    const subject = request.user.sub as string
    if (claimed !== undefined && claimed !== subject) throw new ForbiddenUserError()
    return subject
  })
}, { name: 'auth', dependencies: ['config'] })
