// A session's history (also the user's export) and its erasure.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SessionNotFoundError, UnknownCursorError } from '../src/errors.ts'
import type { StoredMessage } from '../src/store/types.ts'
import { ErrorRef, MessageSchema, SafetyFlagSchema, SessionParamsSchema, UserQuerySchema } from '../src/schemas.ts'

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

/** The page of `messages` older than `before` (a message id), at most `limit` of the newest of them. */
function pageOf (messages: StoredMessage[], limit: number | undefined, before: string | undefined) {
  const end = before === undefined ? messages.length : messages.findIndex(message => message.id === before)
  if (end === -1) return undefined
  const start = limit === undefined ? 0 : Math.max(0, end - limit)
  return { messages: messages.slice(start, end), nextBefore: start > 0 ? messages[start]?.id : undefined }
}

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate)
  app.get('/sessions/:sessionId/messages', {
    schema: {
      operationId: 'getSessionMessages',
      tags: ['sessions'],
      summary: "The session's messages, oldest first (paged with limit and before)",
      description: "The session's messages and when the crisis protocol fired (level and category only): a client restores a conversation from it, and it is the user's export. 404 when this user has no such session.",
      params: SessionParamsSchema,
      querystring: HistoryQuerySchema,
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
    // Paged here, from the whole session: the stores read a session at once.
    const { limit, before } = request.query
    const page = pageOf(messages, limit === undefined ? undefined : Number(limit), before)
    if (page === undefined) throw new UnknownCursorError()
    return { sessionId, ...page, safetyFlags: await app.store.listSafetyFlags(key) }
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
