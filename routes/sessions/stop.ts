// POST /sessions/{id}/stop: the reply now streaming stopped, its partial text stored.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef, SessionParamsSchema, UserQuerySchema } from '../schemas.ts'

const stopRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/sessions/:sessionId/stop', {
    schema: {
      operationId: 'stopSessionReply',
      tags: ['chat'],
      summary: 'Stop the reply now streaming for the session; the partial reply is stored as interrupted',
      description: 'Stops the model and stores the partial reply as interrupted; open streams end with done (stopReason stopped). Closing a stream does not stop the reply for the resume window: call this to stop it.',
      params: SessionParamsSchema,
      querystring: UserQuerySchema,
      response: { 204: Type.Null({ description: 'Stopped, or nothing was streaming' }), 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    await app.conversation.stop({ userId: app.userFor(request, request.query.userId), sessionId: request.params.sessionId })
    return reply.code(204).send(null)
  })
}

export default stopRoutes
