// Resuming a session's latest reply after a dropped connection, and stopping it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ReplyNotFoundError, ServerBusyError, TooManyStreamsError } from '../src/errors.ts'
import { ErrorRef, EventStreamResponse, SessionParamsSchema, UserQuerySchema } from '../src/schemas.ts'
import { parseEventId } from '../src/streams/event-id.ts'

const replyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { replies, store } = app
  app.addHook('onRequest', app.authenticate)

  app.get('/sessions/:sessionId/stream', {
    schema: {
      operationId: 'resumeSessionStream',
      tags: ['chat'],
      summary: "Resume the session's latest reply: the events after Last-Event-ID, then live to its end",
      description: "Re-sends the events of the session's latest reply after the given event id (the lastEventId query, or the Last-Event-ID header a browser EventSource sends on reconnecting), then follows the reply live to its end. 204 when it has ended and nothing is left.",
      params: SessionParamsSchema,
      // The Last-Event-ID header is read too but not declared: generators would name it like the query parameter.
      querystring: Type.Object({ ...UserQuerySchema.properties, lastEventId: Type.Optional(Type.String({ maxLength: 100, description: 'The id of the last event received (or send it as the Last-Event-ID header)' })) }),
      security: [{}, { bearerAuth: [] }],
      response: {
        200: EventStreamResponse,
        204: Type.Null({ description: 'The reply has ended and nothing is left to send' }),
        400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef
      }
    },
    config: { rateLimit: app.rateLimitPolicy }
  }, async (request, reply) => {
    const key = { userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId }
    const replyId = await replies.bus.latestReply(key)
    const status = replyId === undefined ? undefined : await replies.bus.status(replyId)
    if (replyId === undefined || status === undefined) throw new ReplyNotFoundError()
    const header = request.headers['last-event-id']
    const last = parseEventId(typeof header === 'string' ? header : request.query.lastEventId)
    // An id from an older reply means the client missed all of this one.
    const afterSeq = last?.replyId === replyId ? last.seq : -1
    // Nothing more will come: 204 tells a browser EventSource to stop reconnecting.
    if (status.ended && afterSeq >= status.lastSeq) return reply.code(204).send(null)
    // A resume holds a stream as a chat does, under the same caps.
    const holder = app.clientKey(request)
    const opened = replies.streams.tryOpen(holder)
    if (opened !== 'ok') {
      reply.header('Retry-After', '1')
      throw opened === 'server_full' ? new ServerBusyError() : new TooManyStreamsError()
    }
    reply.raw.once('close', () => replies.streams.close(holder))
    replies.stream(reply, replyId, afterSeq)
    return reply
  })

  app.post('/sessions/:sessionId/stop', {
    schema: {
      operationId: 'stopSessionReply',
      tags: ['chat'],
      summary: 'Stop the reply now streaming for the session; the partial reply is stored as interrupted',
      description: 'Stops the model and stores the partial reply as interrupted; open streams end with done (stopReason stopped). Closing a stream does not stop the reply for the resume window: call this to stop it.',
      params: SessionParamsSchema,
      querystring: UserQuerySchema,
      security: [{}, { bearerAuth: [] }],
      response: { 204: Type.Null({ description: 'Stopped, or nothing was streaming' }), 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    },
    config: { rateLimit: app.rateLimitPolicy }
  }, async (request, reply) => {
    const key = { userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId }
    const replyId = await store.getReplyLock(key)
    if (replyId !== undefined) await replies.bus.requestStop(replyId)
    return reply.code(204).send(null)
  })
}

export default replyRoutes
