// A session's history (also the user's export) and its erasure.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SessionNotFoundError } from '../src/errors.ts'
import { ErrorRef, MessageSchema, SafetyFlagSchema, SessionParamsSchema, UserQuerySchema } from '../src/schemas.ts'

const HistorySchema = Type.Object({
  sessionId: Type.String(),
  messages: Type.Array(MessageSchema),
  safetyFlags: Type.Array(SafetyFlagSchema, { description: 'When the crisis protocol fired: level and category, never the text' })
}, { description: "The session's history" })

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate)
  app.get('/sessions/:sessionId/messages', {
    schema: {
      operationId: 'getSessionMessages',
      tags: ['sessions'],
      summary: "The session's messages, oldest first",
      description: "The session's messages and when the crisis protocol fired (level and category only): a client restores a conversation from it, and it is the user's export. 404 when this user has no such session.",
      params: SessionParamsSchema,
      querystring: UserQuerySchema,
      security: [{}, { bearerAuth: [] }],
      response: { 200: HistorySchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    },
    config: { rateLimit: app.rateLimitPolicy }
  }, async (request) => {
    const { sessionId } = request.params
    const key = { userId: app.userFor(request, request.query.userId), sessionId }
    const messages = await app.store.listMessages(key)
    // Another user's session looks exactly like one that does not exist.
    if (messages.length === 0) throw new SessionNotFoundError()
    return { sessionId, messages, safetyFlags: await app.store.listSafetyFlags(key) }
  })

  app.delete('/sessions/:sessionId', {
    schema: {
      operationId: 'deleteSession',
      tags: ['sessions'],
      summary: 'Erase the session and all its messages',
      description: 'Erases the messages, safety flags and notice times of the session for good. 204 also when nothing was there.',
      params: SessionParamsSchema,
      querystring: UserQuerySchema,
      security: [{}, { bearerAuth: [] }],
      response: { 204: Type.Null({ description: 'Erased, or nothing was there' }), 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    },
    config: { rateLimit: app.rateLimitPolicy }
  }, async (request, reply) => {
    const key = { userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId }
    // The reply streaming now (if any) is stopped and nothing of it is stored; then the rest goes.
    await app.replies.bus.erase(key, await app.store.getReplyLock(key))
    await app.store.deleteSession(key)
    return reply.code(204).send(null)
  })
}

export default sessionRoutes
