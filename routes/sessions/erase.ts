// DELETE /sessions/{id}: the session erased for good, the reply streaming now included.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef, SessionParamsSchema, UserQuerySchema } from '../schemas.ts'

const eraseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.delete('/sessions/:sessionId', {
    schema: {
      operationId: 'deleteSession',
      tags: ['sessions'],
      summary: 'Erase the session and all its messages',
      description: 'Erases the messages, safety flags and notice times of the session for good. 204 also when nothing was there.',
      params: SessionParamsSchema,
      querystring: UserQuerySchema,
      response: { 204: Type.Null({ description: 'Erased, or nothing was there' }), 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    await app.conversation.erase({ userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId })
    return reply.code(204).send(null)
  })
}

export default eraseRoutes
