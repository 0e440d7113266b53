// GET /sessions/{id}/messages: a session's history, which is also the user's export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef, MessageSchema, SafetyFlagSchema, SessionParamsSchema, UserQuerySchema } from '../schemas.ts'

const HistorySchema = Type.Object({
  sessionId: Type.String(),
  messages: Type.Array(MessageSchema),
  safetyFlags: Type.Array(SafetyFlagSchema, { description: 'When the crisis protocol fired: level and category, never the text' }),
  nextBefore: Type.Optional(Type.String({ description: 'With `limit`: pass as `before` for the page of older messages; absent on the oldest page' }))
}, { description: "The session's history" })

const HistoryQuerySchema = Type.Object({
  ...UserQuerySchema.properties,
  // A string: the query is not coerced (a wrongly typed field is never silently converted).
  limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: 'At most this many messages (1-1000), the newest first chosen (returned oldest first)' })),
  before: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Only messages older than this message id (a page's `nextBefore`)" }))
})

const messagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sessions/:sessionId/messages', {
    schema: {
      operationId: 'getSessionMessages',
      tags: ['sessions'],
      summary: "The session's messages, oldest first (paged with limit and before)",
      description: "The session's messages and when the crisis protocol fired (level and category only): a client restores a conversation from it, and it is the user's export. 404 when this user has no such session.",
      params: SessionParamsSchema,
      querystring: HistoryQuerySchema,
      response: { 200: HistorySchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request) => {
    const { sessionId } = request.params
    const { userId, limit, before } = request.query
    const key = { userId: app.userFor(request, userId), sessionId }
    return { sessionId, ...await app.conversation.history(key, { limit: limit === undefined ? undefined : Number(limit), before }) }
  })
}

export default messagesRoutes
