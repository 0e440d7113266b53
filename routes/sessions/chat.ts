// POST /chat: one user message in, the reply streamed out as Server-Sent Events.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { chatAttempt } from '../../src/chat/retries.ts'
import { ErrorRef, EventStreamResponse, IdSchema } from '../schemas.ts'

const ChatHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 300, description: 'A key per message (a structured-field string, "…", or bare): a retry with the same key and body gets the reply already started instead of storing the message again' })),
  'last-event-id': Type.Optional(Type.String({ maxLength: 100, description: "The id of the last event received: with the session's current reply named, the request is taken as a resume" }))
})

const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, conversation, compliance } = app

  const ChatRequestSchema = Type.Object({
    message: Type.String({ minLength: 1, maxLength: config.MAX_MESSAGE_CHARS, pattern: '\\S', description: `The user's message: at most ${config.MAX_MESSAGE_CHARS} characters (MAX_MESSAGE_CHARS); a longer one is answered 400 MESSAGE_TOO_LONG and not stored, so split it` }),
    sessionId: IdSchema,
    userId: Type.Optional(IdSchema),
    minor: Type.Optional(Type.Boolean({ description: 'The user is a minor (read only with authentication off; with it on, the token\'s claim decides): break reminders and the minors\' notices' }))
  })

  app.post('/chat', {
    bodyLimit: config.BODY_LIMIT_BYTES,
    schema: {
      operationId: 'chat',
      tags: ['chat'],
      summary: 'Send a message; the reply streams back as Server-Sent Events',
      description: 'Stores the message and streams the reply as Server-Sent Events: the AI notice and crisis resources when due, the content, then one done or error event. Send an Idempotency-Key so that a retry follows the reply already started; a POST carrying the Last-Event-ID of the current reply is a resume. Errors before the stream are JSON.',
      body: ChatRequestSchema,
      headers: ChatHeadersSchema,
      response: { 200: EventStreamResponse, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 413: ErrorRef, 415: ErrorRef, 422: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    const { body, headers } = request
    const cursor = await conversation.send({
      key: { userId: app.userFor(request, body.userId), sessionId: body.sessionId },
      text: body.message,
      minor: compliance.isMinor(request, body.minor),
      holder: app.clientKey(request),
      attempt: chatAttempt(headers['idempotency-key'], headers['last-event-id'], body),
      log: request.log,
      elapsedMs: () => reply.elapsedTime
    })
    return reply.streamReply(cursor)
  })
}

export default chatRoutes
