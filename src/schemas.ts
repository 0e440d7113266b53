// TypeBox schemas shared by the routes.
import { Type } from 'typebox'

export const ErrorSchema = Type.Object({
  error: Type.String({ description: 'What went wrong, naming the field or cause' }),
  code: Type.String({ description: 'A stable, machine-readable code' }),
  statusCode: Type.Integer()
}, { $id: 'Error', description: 'Every error answered before a stream starts' })

/** A reference to the shared Error schema, for response maps. */
export const ErrorRef = Type.Ref('Error')

export const ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$'

export const IdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: ID_PATTERN })

export const MessageSchema = Type.Object({
  id: Type.String(),
  role: Type.Enum(['user', 'assistant']),
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  status: Type.Enum(['complete', 'interrupted', 'failed'])
})

export const SessionParamsSchema = Type.Object({ sessionId: IdSchema })

export const UserQuerySchema = Type.Object({ userId: Type.Optional(IdSchema) })

export const SafetyFlagSchema = Type.Object({
  level: Type.Enum(['elevated', 'crisis']),
  category: Type.Enum(['self_harm', 'harm_to_others', 'abuse']),
  createdAt: Type.String({ format: 'date-time' })
})
