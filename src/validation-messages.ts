// Validation errors in words a client developer can act on, always naming the field.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import { MessageTooLongError } from './errors.ts'

const PATTERN_HINTS: Record<string, string> = {
  message: 'must contain some text, not only white space',
  sessionId: 'must be 1 to 128 characters of A-Z a-z 0-9 _ . : -',
  userId: 'must be 1 to 128 characters of A-Z a-z 0-9 _ . : -'
}

function describe (error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required') return `${String(params.missingProperty)} is required`
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (field === '') return error.keyword === 'type' ? 'must be a JSON object' : error.message ?? 'is invalid'
  if (error.keyword === 'pattern') return `${field} ${PATTERN_HINTS[field] ?? 'has an invalid format'}`
  return `${field} ${error.message ?? 'is invalid'}`
}

export function formatValidationErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0]
  // An over-long message has its own code, so a client can tell the user and split it instead of losing it.
  if (first?.keyword === 'maxLength' && first.instancePath === '/message') return new MessageTooLongError(String((first.params as { limit: number }).limit))
  const text = first === undefined ? `${dataVar} is invalid` : describe(first)
  return new Error(`Invalid ${dataVar}: ${text}`)
}
