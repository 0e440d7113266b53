// The service's words, written once as TypeBox schemas with their types: who speaks, how a stored
// message ended, what the risk screen can say, the error codes, and the events a reply's stream
// carries. The domain uses the types; the routes, the OpenAPI document and the client use the schemas.
import { Type, type Static, type TSchemaOptions, type TUnsafe } from 'typebox'

/** A string enum that says `type: string` too, as code generators prefer. */
function StringEnum<const Values extends string[]> (values: [...Values], options: TSchemaOptions = {}) {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: values, ...options }) as TUnsafe<Values[number]> & { enum: Values }
}

/** A session belongs to one user: the same sessionId under another user is another session. */
export interface SessionKey {
  userId: string
  sessionId: string
}

export const RoleSchema = StringEnum(['user', 'assistant'])
export type Role = Static<typeof RoleSchema>

export const MessageStatusSchema = StringEnum(['complete', 'interrupted', 'failed', 'unreadable'], {
  description: 'unreadable: the stored message could not be decrypted (content is empty); the rest of the session still reads'
})
export type MessageStatus = Static<typeof MessageStatusSchema>

/** How strongly the crisis protocol fires; the screen also answers 'none'. */
export const RiskLevelSchema = StringEnum(['elevated', 'crisis'])
export type FlaggedRiskLevel = Static<typeof RiskLevelSchema>

export const RiskCategorySchema = StringEnum(['self_harm', 'harm_to_others', 'abuse'])
export type RiskCategory = Static<typeof RiskCategorySchema>

export const NoticeKindSchema = StringEnum(['ai_disclosure', 'break_reminder', 'minor_suitability'])
export type NoticeKind = Static<typeof NoticeKindSchema>

/** The `code` of a JSON error body, answered before any stream starts. */
export const RequestErrorCodeSchema = StringEnum([
  'BAD_REQUEST', 'FORBIDDEN', 'HEADERS_TOO_LARGE', 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL_ERROR', 'INVALID_JSON',
  'INVALID_REQUEST', 'INVALID_URL', 'MESSAGE_TOO_LONG', 'METHOD_NOT_ALLOWED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED', 'REPLY_NOT_FOUND', 'REQUEST_TIMEOUT', 'SERVER_BUSY', 'SESSION_BUSY', 'SESSION_NOT_FOUND',
  'SHUTTING_DOWN', 'STORE_UNAVAILABLE', 'TOO_MANY_STREAMS', 'UNAUTHORIZED', 'UNSUPPORTED_MEDIA_TYPE'
], { description: 'A stable, machine-readable code' })
export type RequestErrorCode = Static<typeof RequestErrorCodeSchema>

/** The `code` of a stream's final error event. */
export const StreamErrorCodeSchema = StringEnum(['AGENT_UNAVAILABLE', 'AGENT_ERROR', 'STORE_UNAVAILABLE', 'SHUTTING_DOWN', 'SESSION_ERASED'])
export type StreamErrorCode = Static<typeof StreamErrorCodeSchema>

export const TokenUsageSchema = Type.Object({
  inputTokens: Type.Integer(),
  outputTokens: Type.Integer(),
  cacheReadTokens: Type.Optional(Type.Integer()),
  cacheWriteTokens: Type.Optional(Type.Integer())
})

// The events of a reply's stream: each SSE `data:` line holds one of these.
export const ContentEventSchema = Type.Object({
  content: Type.String({ description: 'The next piece of the reply' })
}, { $id: 'ContentEvent', additionalProperties: false })
export type ContentEvent = Static<typeof ContentEventSchema>

export const NoticeEventSchema = Type.Object({
  notice: Type.Object({ kind: NoticeKindSchema, message: Type.String() })
}, { $id: 'NoticeEvent', additionalProperties: false, description: 'A notice the compliance profiles make due: the AI disclosure (first in a session and at intervals), a break reminder, the minors\' suitability notice' })
export type NoticeEvent = Static<typeof NoticeEventSchema>

export const CrisisResourceEventSchema = Type.Object({
  name: Type.String(),
  phone: Type.Optional(Type.String()),
  text: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  description: Type.Optional(Type.String())
})

/** What the crisis protocol shows: its level, category, message and resources. */
export const SafetyPayloadSchema = Type.Object({
  level: RiskLevelSchema,
  category: RiskCategorySchema,
  message: Type.String(),
  resources: Type.Array(CrisisResourceEventSchema)
})

export const SafetyEventSchema = Type.Object({
  safety: SafetyPayloadSchema
}, { $id: 'SafetyEvent', additionalProperties: false, description: 'Crisis resources, before any content, when the crisis protocol fires' })
export type SafetyEvent = Static<typeof SafetyEventSchema>

export const DoneEventSchema = Type.Object({
  done: Type.Literal(true),
  messageId: Type.String(),
  stopReason: Type.String({ description: 'end_turn, max_tokens, refusal, stopped, interrupted...' }),
  fallback: Type.Optional(Type.Literal(true, { description: 'The configured model failed before its first token (after its retries) and the offline listener answered instead (AGENT_FALLBACK=reflective)' })),
  usage: Type.Optional(TokenUsageSchema)
}, { $id: 'DoneEvent', additionalProperties: false, description: 'The reply ended and is stored' })
export type DoneEvent = Static<typeof DoneEventSchema>

export const ErrorEventSchema = Type.Object({
  error: Type.String(),
  code: StreamErrorCodeSchema
}, { $id: 'ChatErrorEvent', additionalProperties: false, description: 'The reply failed; the stream ends' })
export type ErrorEvent = Static<typeof ErrorEventSchema>

export const ChatEventSchema = Type.Union([
  Type.Ref('ContentEvent'), Type.Ref('NoticeEvent'), Type.Ref('SafetyEvent'), Type.Ref('DoneEvent'), Type.Ref('ChatErrorEvent')
], { $id: 'ChatEvent', description: 'One Server-Sent Event payload (the JSON of its data: line); its id: line is <replyId>:<sequence>' })
export type ChatEvent = ContentEvent | NoticeEvent | SafetyEvent | DoneEvent | ErrorEvent

/** The schemas the others refer to by `$id`. */
export const EVENT_SCHEMAS = [ContentEventSchema, NoticeEventSchema, SafetyEventSchema, DoneEventSchema, ErrorEventSchema, ChatEventSchema]

/** The last event of a reply whose session was erased. */
export const ERASED_EVENT: ErrorEvent = { error: 'This conversation was erased', code: 'SESSION_ERASED' }
