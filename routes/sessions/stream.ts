// GET /sessions/{id}/stream: the session's latest reply resumed after a dropped connection.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef, EventStreamResponse, SessionParamsSchema, UserQuerySchema } from '../schemas.ts'

const streamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sessions/:sessionId/stream', {
    schema: {
      operationId: 'resumeSessionStream',
      tags: ['chat'],
      summary: "Resume the session's latest reply: the events after Last-Event-ID, then live to its end",
      description: "Re-sends the events of the session's latest reply after the given event id (the lastEventId query, or the Last-Event-ID header a browser EventSource sends on reconnecting), then follows the reply live to its end. 204 when it has ended and nothing is left.",
      params: SessionParamsSchema,
      // The Last-Event-ID header is read too but not declared: generators would name it like the query parameter.
      querystring: Type.Object({ ...UserQuerySchema.properties, lastEventId: Type.Optional(Type.String({ maxLength: 100, description: 'The id of the last event received (or send it as the Last-Event-ID header)' })) }),
      response: {
        200: EventStreamResponse,
        204: Type.Null({ description: 'The reply has ended and nothing is left to send' }),
        400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef
      }
    }
  }, async (request, reply) => {
    const key = { userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId }
    const header = request.headers['last-event-id']
    const resumed = await app.conversation.resume(key, typeof header === 'string' ? header : request.query.lastEventId, app.clientKey(request))
    // Nothing more will come: 204 tells a browser EventSource to stop reconnecting.
    if (resumed.cursor.ended) return reply.code(204).send(null)
    return reply.streamReply(resumed.cursor, { onClose: resumed.release })
  })
}

export default streamRoutes
