// The Vercel AI SDK's `useChat` (DefaultChatTransport) against the service unchanged:
// POST /ai-sdk/chat takes its request and answers in its UI message stream protocol;
// GET /ai-sdk/chat/{id}/stream is what `useChat({ resume: true })` asks after a reload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { chatAttempt } from '../../src/chat/retries.ts'
import { messageTooLong, httpError } from '../../plugins/errors.ts'
import { ErrorRef, IdSchema, UserQuerySchema } from '../schemas.ts'

// The client sends its whole copy of the conversation each time, of which only the last message is read.
const BODY_LIMIT_BYTES = 1024 * 1024

const UiPartSchema = Type.Object({
  type: Type.String({ description: 'text parts are read; the others are ignored' }),
  text: Type.Optional(Type.String())
}, { additionalProperties: true })

const UiMessageSchema = Type.Object({
  id: IdSchema,
  role: Type.String({ description: 'user, assistant or system' }),
  parts: Type.Array(UiPartSchema)
}, { additionalProperties: true, description: "A UIMessage of the AI SDK; only the last one is read (the server's stored history is the conversation)" })

const AiSdkChatRequestSchema = Type.Object({
  id: IdSchema,
  messages: Type.Array(UiMessageSchema, { minItems: 1 }),
  trigger: Type.Optional(Type.Literal('submit-message', { description: 'Only submit-message: a reply is not regenerated (the stored conversation keeps one reply per message)' })),
  messageId: Type.Optional(Type.String()),
  userId: Type.Optional(IdSchema),
  minor: Type.Optional(Type.Boolean({ description: "The user is a minor (read only with authentication off; with it on, the token's claim decides)" }))
}, { description: "useChat's request: id is the session id; the last message is the user's, and its text parts are the message" })

const UiMessageStreamResponse = {
  description: "The AI SDK's UI message stream (text/event-stream, header x-vercel-ai-ui-message-stream: v1): data: lines holding chunks (start with the reply's id as messageId; data-notice and data-safety; text-start, text-delta, text-end; finish or error), then data: [DONE]; : ping comments",
  content: {
    'text/event-stream': {
      schema: Type.Object({
        type: Type.String({ description: 'start, data-notice, data-safety, text-start, text-delta, text-end, finish or error' })
      }, { additionalProperties: true })
    }
  }
}

const ChatIdParamsSchema = Type.Object({ id: IdSchema })

/** The text of the last message, which must be the user's: its text parts, joined. */
function userText (messages: Static<typeof UiMessageSchema>[]): { id: string, text: string } {
  const last = messages[messages.length - 1]
  if (last === undefined || last.role !== 'user') throw httpError('INVALID_REQUEST', "Invalid body: the last message must be the user's")
  const text = last.parts.flatMap(part => part.type === 'text' && typeof part.text === 'string' ? [part.text] : []).join('\n')
  if (text.trim() === '') throw httpError('INVALID_REQUEST', 'Invalid body: the last message has no text')
  return { id: last.id, text }
}

const aiSdkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, conversation, compliance } = app

  app.post('/ai-sdk/chat', {
    bodyLimit: BODY_LIMIT_BYTES,
    schema: {
      operationId: 'aiSdkChat',
      tags: ['ai-sdk'],
      summary: "Send a message from the AI SDK's useChat; the reply streams back as its UI message stream",
      description: `For useChat with DefaultChatTransport (api: /ai-sdk/chat). The last message's text is the message (at most ${config.MAX_MESSAGE_CHARS} characters, else 400 MESSAGE_TOO_LONG, nothing stored); the conversation is the one the server stores, not the client's copy. As POST /chat: the AI notice and crisis resources (as data-notice and data-safety parts, before the text), storage, limits. The last message's id is the idempotency key unless an Idempotency-Key header is sent. Aborting the request does not stop the reply for the resume window: call POST /sessions/{id}/stop. Errors before the stream are JSON.`,
      body: AiSdkChatRequestSchema,
      headers: Type.Object({
        'idempotency-key': Type.Optional(Type.String({ maxLength: 300, description: "A key per message (else the last message's id): a retry with the same key and body gets the reply already started" }))
      }),
      response: { 200: UiMessageStreamResponse, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 413: ErrorRef, 415: ErrorRef, 422: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    const { body, headers } = request
    const message = userText(body.messages)
    if (message.text.length > config.MAX_MESSAGE_CHARS) throw messageTooLong(config.MAX_MESSAGE_CHARS)
    const cursor = await conversation.send({
      key: { userId: app.userFor(request, body.userId), sessionId: body.id },
      text: message.text,
      minor: compliance.isMinor(request, body.minor),
      holder: app.clientKey(request),
      attempt: chatAttempt(headers['idempotency-key'] ?? message.id, undefined, { message: message.text, sessionId: body.id, userId: body.userId }),
      log: request.log,
      elapsedMs: () => reply.elapsedTime
    })
    return reply.streamReply(cursor, { format: 'ui-message' })
  })

  app.get('/ai-sdk/chat/:id/stream', {
    schema: {
      operationId: 'aiSdkResumeChatStream',
      tags: ['ai-sdk'],
      summary: "Resume the session's reply for useChat({ resume: true }): the whole reply so far, then live",
      description: "The session's latest reply while it streams, from its start (the AI SDK replays it), then live to its end, as a UI message stream. 204 when no reply is streaming. With authentication off, name the user in the userId query (useChat's prepareReconnectToStreamRequest).",
      params: ChatIdParamsSchema,
      querystring: UserQuerySchema,
      response: {
        200: UiMessageStreamResponse,
        204: Type.Null({ description: 'No reply is streaming for this session' }),
        400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef
      }
    }
  }, async (request, reply) => {
    const key = { userId: app.userFor(request, request.query.userId), sessionId: request.params.id }
    const resumed = await conversation.resumeStreaming(key, app.clientKey(request))
    if (resumed === undefined) return reply.code(204).send(null)
    return reply.streamReply(resumed.cursor, { onClose: resumed.release, format: 'ui-message' })
  })
}

export default aiSdkRoutes
