// TypeBox schemas shared by the routes.
import { Type } from 'typebox'
import { ERROR_CODES } from './error-codes.ts'

// Component names that shadow nothing in a generated client (not `Error`, not `ErrorEvent`).
export const ErrorSchema = Type.Object({
  error: Type.String({ description: 'What went wrong, naming the field or cause' }),
  code: Type.Unsafe<string>({ type: 'string', enum: ERROR_CODES, description: 'A stable, machine-readable code' }),
  statusCode: Type.Integer({ description: 'The HTTP status, repeated' })
}, { $id: 'ApiError', description: 'The JSON body of every error answered before a stream starts' })

/** A reference to the shared ApiError schema, for response maps. */
export const ErrorRef = Type.Ref('ApiError')

export const ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$'

export const IdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: ID_PATTERN })

export const MessageSchema = Type.Object({
  id: Type.String(),
  role: Type.Enum(['user', 'assistant']),
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  status: Type.Enum(['complete', 'interrupted', 'failed', 'unreadable'], { description: 'unreadable: the stored message could not be decrypted (content is empty); the rest of the session still reads' })
})

export const SessionParamsSchema = Type.Object({ sessionId: IdSchema })

export const UserQuerySchema = Type.Object({ userId: Type.Optional(IdSchema) })

export const SafetyFlagSchema = Type.Object({
  level: Type.Enum(['elevated', 'crisis']),
  category: Type.Enum(['self_harm', 'harm_to_others', 'abuse']),
  signals: Type.Array(Type.String(), { description: 'The screen\'s signals that fired, strongest first (names, never text)' }),
  createdAt: Type.String({ format: 'date-time' })
})

// The SSE events of /chat and /sessions/{id}/stream: each `data:` line holds one of these.
export const ContentEventSchema = Type.Object({
  content: Type.String({ description: 'The next piece of the reply' })
}, { $id: 'ContentEvent', additionalProperties: false })

export const NoticeEventSchema = Type.Object({
  notice: Type.Object({ kind: Type.Literal('ai_disclosure'), message: Type.String() })
}, { $id: 'NoticeEvent', additionalProperties: false, description: 'The AI disclosure: first in a session and every 3 hours' })

export const SafetyEventSchema = Type.Object({
  safety: Type.Object({
    level: Type.Enum(['elevated', 'crisis']),
    category: Type.Enum(['self_harm', 'harm_to_others', 'abuse']),
    message: Type.String(),
    resources: Type.Array(Type.Object({
      name: Type.String(),
      phone: Type.Optional(Type.String()),
      text: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
      description: Type.Optional(Type.String())
    }))
  })
}, { $id: 'SafetyEvent', additionalProperties: false, description: 'Crisis resources, before any content, when the crisis protocol fires' })

export const DoneEventSchema = Type.Object({
  done: Type.Literal(true),
  messageId: Type.String(),
  stopReason: Type.String({ description: 'end_turn, max_tokens, refusal, stopped, interrupted...' }),
  fallback: Type.Optional(Type.Literal(true, { description: 'The configured model failed before its first token (after its retries) and the offline listener answered instead (AGENT_FALLBACK=reflective)' })),
  usage: Type.Optional(Type.Object({
    inputTokens: Type.Integer(),
    outputTokens: Type.Integer(),
    cacheReadTokens: Type.Optional(Type.Integer()),
    cacheWriteTokens: Type.Optional(Type.Integer())
  }))
}, { $id: 'DoneEvent', additionalProperties: false, description: 'The reply ended and is stored' })

export const ErrorEventSchema = Type.Object({
  error: Type.String(),
  code: Type.Enum(['AGENT_UNAVAILABLE', 'AGENT_ERROR', 'STORE_UNAVAILABLE', 'SHUTTING_DOWN', 'SESSION_ERASED'])
}, { $id: 'ChatErrorEvent', additionalProperties: false, description: 'The reply failed; the stream ends' })

export const ChatEventSchema = Type.Union([
  Type.Ref('ContentEvent'), Type.Ref('NoticeEvent'), Type.Ref('SafetyEvent'), Type.Ref('DoneEvent'), Type.Ref('ChatErrorEvent')
], { $id: 'ChatEvent', description: 'One Server-Sent Event payload (the JSON of its data: line); its id: line is <replyId>:<sequence>' })

export const SHARED_SCHEMAS = [ErrorSchema, ContentEventSchema, NoticeEventSchema, SafetyEventSchema, DoneEventSchema, ErrorEventSchema, ChatEventSchema]

/** The 200 response of the streaming routes, for the OpenAPI document. */
export const EventStreamResponse = {
  description: 'A stream of Server-Sent Events (text/event-stream): data: lines holding ChatEvent JSON, id: lines, and : ping comments',
  content: { 'text/event-stream': { schema: Type.Ref('ChatEvent') } }
}
