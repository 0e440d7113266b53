// The error handler: every error answered as the JSON body clients know ({ error, code, statusCode })
// with its HTTP status, 5xx text hidden; Fastify's own errors renamed to the service's codes;
// validation errors in words that name the field. HTTP-only errors are made with @fastify/sensible.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import { httpErrors } from '@fastify/sensible'
import { ServiceError } from '../src/errors.ts'
import type { RequestErrorCode } from '../src/vocabulary.ts'
import { refusedTextSafety } from '../src/safety/refused-text.ts'

export interface ErrorBody {
  error: string
  code: RequestErrorCode
  statusCode: number
  /** MESSAGE_TOO_LONG only: the limit, in characters. */
  limit?: number
}

/** The status each code is answered with. */
const HTTP_STATUS: Record<RequestErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_URL: 400,
  MESSAGE_TOO_LONG: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  REPLY_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  SESSION_BUSY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  TOO_MANY_STREAMS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVER_BUSY: 503,
  SHUTTING_DOWN: 503,
  STORE_UNAVAILABLE: 503
}

/** An HTTP error with one of the service's codes, as the error handler answers it. */
export function httpError (code: RequestErrorCode, message: string, details: { limit?: number } = {}): Error {
  return httpErrors.createError(HTTP_STATUS[code], message, { code, ...details })
}

// The HTTP layer's own refusals.
export const unauthorized = () => httpError('UNAUTHORIZED', 'A valid bearer token is required')
export const forbiddenUser = () => httpError('FORBIDDEN', "userId does not match the token's subject")
export const tooManyAuthFailures = () => httpError('RATE_LIMITED', 'Too many refused tokens from this address; retry later')

/** Fastify's own error codes, renamed to the stable codes clients see. */
const FASTIFY_CODES: Record<string, RequestErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
  FST_ERR_VALIDATION: 'INVALID_REQUEST',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
  FST_ERR_BAD_URL: 'INVALID_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'INVALID_URL',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE'
}

const FASTIFY_MESSAGES: Partial<Record<RequestErrorCode, string>> = {
  INVALID_JSON: 'The request body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON (Content-Type: application/json)',
  INVALID_URL: 'The URL is malformed or too long'
}

/** Fastify's other errors: their messages can quote the request, so each status says its own. */
const GENERIC_BY_STATUS: Record<number, { error: string, code: RequestErrorCode }> = {
  400: { error: 'The request is malformed', code: 'BAD_REQUEST' },
  404: { error: 'Not found', code: 'NOT_FOUND' },
  405: { error: 'This method is not allowed here', code: 'METHOD_NOT_ALLOWED' },
  408: { error: 'The request took too long to arrive', code: 'REQUEST_TIMEOUT' },
  413: { error: 'The request body is too large', code: 'PAYLOAD_TOO_LARGE' },
  414: { error: 'The URL is too long', code: 'INVALID_URL' },
  415: { error: 'The request body must be JSON (Content-Type: application/json)', code: 'UNSUPPORTED_MEDIA_TYPE' },
  431: { error: 'The request headers are too large', code: 'HEADERS_TOO_LARGE' }
}

const INTERNAL: ErrorBody = { error: 'Something went wrong on our side, please try again', code: 'INTERNAL_ERROR', statusCode: 500 }

/** The body for an error the HTTP parser raises before Fastify sees a request. */
export function clientErrorBody (statusCode: number): ErrorBody {
  return { ...(GENERIC_BY_STATUS[statusCode] ?? GENERIC_BY_STATUS[400] as { error: string, code: RequestErrorCode }), statusCode }
}

function isServiceCode (code: unknown): code is RequestErrorCode {
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code)
}

/** The JSON body for any error: known 4xx keep their reason, everything else is a generic 500. */
export function toErrorBody (error: { statusCode?: number, code?: string, message: string, limit?: unknown }): ErrorBody {
  if (error instanceof ServiceError) return { error: error.message, code: error.code, statusCode: HTTP_STATUS[error.code] }
  const statusCode = error.statusCode ?? 500
  if (statusCode >= 500 && statusCode !== 503) return INTERNAL
  const fastifyCode = error.code === undefined ? undefined : FASTIFY_CODES[error.code]
  if (fastifyCode !== undefined) return { error: FASTIFY_MESSAGES[fastifyCode] ?? error.message, code: fastifyCode, statusCode }
  if (isServiceCode(error.code)) {
    return { error: error.message, code: error.code, statusCode, ...(typeof error.limit === 'number' ? { limit: error.limit } : {}) }
  }
  return clientErrorBody(statusCode)
}

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

/** A message over MAX_MESSAGE_CHARS: its own code, so a client can tell the user and split it instead of losing it. */
export function messageTooLong (limit: number): Error {
  return httpError('MESSAGE_TOO_LONG', `message is longer than ${limit} characters, the limit; nothing was stored. Split it into shorter messages and send them one after another`, { limit })
}

/** Fastify's schemaErrorFormatter: the first error, naming the field. */
export function formatValidationErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0]
  if (first?.keyword === 'maxLength' && first.instancePath === '/message') {
    return messageTooLong((first.params as { limit: number }).limit)
  }
  const text = first === undefined ? `${dataVar} is invalid` : describe(first)
  return new Error(`Invalid ${dataVar}: ${text}`)
}

export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toErrorBody(error)
    // A stream cap frees up as replies end: worth a retry soon.
    if (body.code === 'TOO_MANY_STREAMS' || body.code === 'SERVER_BUSY') reply.header('Retry-After', '1')
    // A message refused for its length may still be a cry for help: the resources come with the refusal.
    const safety = body.code === 'MESSAGE_TOO_LONG' ? refusedTextSafety(request.server.safety, request.body) : undefined
    if (safety !== undefined) {
      request.log.warn({ safety: { level: safety.level, category: safety.category } }, 'crisis protocol triggered on a refused message')
      return reply.code(body.statusCode).type('application/json').send({ ...body, safety })
    }
    if (body.statusCode === 500) request.log.error({ err: error }, 'request failed')
    else if (body.statusCode === 503) request.log.warn({ code: body.code }, 'request refused: unavailable')
    else request.log.info({ code: body.code }, 'request refused')
    return reply.code(body.statusCode).type('application/json').send(body)
  })
  app.setNotFoundHandler((_request, reply) => {
    // The URL is not echoed back: it can hold ids, and a page could reflect it.
    return reply.code(404).send({ error: 'No such route', code: 'NOT_FOUND', statusCode: 404 })
  })
}, { name: 'errors' })
