// The HTTP contract's shared schemas: the error body, ids in bodies and paths, stored messages and
// flags as the history returns them, and the event stream's 200 response.
import { Type } from 'typebox'
import { EVENT_SCHEMAS, SafetyPayloadSchema, MessageStatusSchema, RequestErrorCodeSchema, RiskCategorySchema, RiskLevelSchema, RoleSchema } from '../src/vocabulary.ts'

// Component names that shadow nothing in a generated client (not `Error`, not `ErrorEvent`).
export const ErrorSchema = Type.Object({
  error: Type.String({ description: 'What went wrong, naming the field or cause' }),
  code: RequestErrorCodeSchema,
  statusCode: Type.Integer({ description: 'The HTTP status, repeated' }),
  limit: Type.Optional(Type.Integer({ description: 'MESSAGE_TOO_LONG only: the most characters a message may have (MAX_MESSAGE_CHARS)' })),
  safety: Type.Optional({ ...SafetyPayloadSchema, description: 'MESSAGE_TOO_LONG only, when the refused text itself trips the crisis screen: the resources to show now, as in a safety event (nothing is stored or recorded)' })
}, { $id: 'ApiError', description: 'The JSON body of every error answered before a stream starts' })

/** A reference to the shared ApiError schema, for response maps. */
export const ErrorRef = Type.Ref('ApiError')

export const ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$'

export const IdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: ID_PATTERN })

export const MessageSchema = Type.Object({
  id: Type.String(),
  role: RoleSchema,
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  status: MessageStatusSchema
})

export const SessionParamsSchema = Type.Object({ sessionId: IdSchema })

export const UserQuerySchema = Type.Object({ userId: Type.Optional(IdSchema) })

export const SafetyFlagSchema = Type.Object({
  level: RiskLevelSchema,
  category: RiskCategorySchema,
  signals: Type.Array(Type.String(), { description: 'The screen\'s signals that fired, strongest first (names, never text)' }),
  createdAt: Type.String({ format: 'date-time' })
})

/** Added to the instance once, so that responses and the OpenAPI document refer to them by `$id`. */
export const SHARED_SCHEMAS = [ErrorSchema, ...EVENT_SCHEMAS]

/** The 200 response of the streaming routes, for the OpenAPI document. */
export const EventStreamResponse = {
  description: 'A stream of Server-Sent Events (text/event-stream): data: lines holding ChatEvent JSON, id: lines, and : ping comments',
  content: { 'text/event-stream': { schema: Type.Ref('ChatEvent') } }
}
