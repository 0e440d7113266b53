// The routes that read or change a user's sessions (/chat, /sessions/* and /ai-sdk/chat), in one encapsulated
// context that adds, once for all of them: authentication, the per-route rate limit and the
// OpenAPI security requirement.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import chatRoutes from './chat.ts'
import aiSdkRoutes from './ai-sdk.ts'
import messagesRoutes from './messages.ts'
import eraseRoutes from './erase.ts'
import streamRoutes from './stream.ts'
import stopRoutes from './stop.ts'

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate)
  app.addHook('onRoute', (route) => {
    // Anonymous unless authentication is on: both are documented.
    route.schema = { ...route.schema, security: [{}, { bearerAuth: [] }] }
    // Each route counts on its own, per user (or address), as RATE_LIMIT_MAX says.
    const routeName = `${String(route.method)} ${route.url}`
    const limit = app.rateLimit({ ...app.rateLimitPolicy, keyGenerator: (request) => `${routeName}:${app.clientKey(request)}` })
    route.preHandler = [...toArray(route.preHandler), limit]
  })
  await app.register(chatRoutes)
  await app.register(messagesRoutes)
  await app.register(eraseRoutes)
  await app.register(streamRoutes)
  await app.register(stopRoutes)
  await app.register(aiSdkRoutes)
}

function toArray<T> (value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

export default sessionRoutes
