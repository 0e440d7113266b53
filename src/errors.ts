// Errors the routes answer with, each with a stable code (the `code` of the JSON error body).
import createError from '@fastify/error'
import { StoreUnavailableError } from './store/types.ts'

export const SessionBusyError = createError('SESSION_BUSY', 'A reply is already streaming for this session; wait for it to finish', 409)
export const SessionNotFoundError = createError('SESSION_NOT_FOUND', 'Session not found', 404)
export const UnknownCursorError = createError('INVALID_REQUEST', 'before is not the id of a message of this session', 400)
export const UnauthorizedError = createError('UNAUTHORIZED', 'A valid bearer token is required', 401)
export const ForbiddenUserError = createError('FORBIDDEN', "userId does not match the token's subject", 403)
export const ShuttingDownError = createError('SHUTTING_DOWN', 'The service is shutting down; please retry in a moment', 503)
export const ReplyNotFoundError = createError('REPLY_NOT_FOUND', 'This session has no reply to resume', 404)
export const InvalidReportPeriodError = createError('INVALID_REQUEST', 'from must be a day on or before to, at most 3700 days apart', 400)
export const InvalidIdempotencyKeyError = createError('INVALID_REQUEST', 'Idempotency-Key must be a string of printable characters, at most 255', 400)
export const IdempotencyKeyReusedError = createError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request; use a new key for a new message', 422)
export const TooManyAuthFailuresError = createError('RATE_LIMITED', 'Too many refused tokens from this address; retry later', 429)
export const TooManyStreamsError = createError('TOO_MANY_STREAMS', 'Too many replies are streaming for this user; wait for one to finish', 429)
export const MessageTooLongError = createError('MESSAGE_TOO_LONG', 'message is longer than %s characters, the limit; nothing was stored. Split it into shorter messages and send them one after another', 400)
export const ServerBusyError = createError('SERVER_BUSY', 'The service holds as many streams as it can; please retry in a moment', 503)

/** Fastify's own error codes, renamed to the stable codes clients see. */
export const FASTIFY_CODES: Record<string, string> = {
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

const FASTIFY_MESSAGES: Record<string, string> = {
  INVALID_JSON: 'The request body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON (Content-Type: application/json)',
  INVALID_URL: 'The URL is malformed or too long'
}

/** Fastify's other errors: their messages can quote the request, so each status says its own. */
export const GENERIC_BY_STATUS: Record<number, { error: string, code: string }> = {
  400: { error: 'The request is malformed', code: 'BAD_REQUEST' },
  404: { error: 'Not found', code: 'NOT_FOUND' },
  405: { error: 'This method is not allowed here', code: 'METHOD_NOT_ALLOWED' },
  408: { error: 'The request took too long to arrive', code: 'REQUEST_TIMEOUT' },
  413: { error: 'The request body is too large', code: 'PAYLOAD_TOO_LARGE' },
  414: { error: 'The URL is too long', code: 'INVALID_URL' },
  415: { error: 'The request body must be JSON (Content-Type: application/json)', code: 'UNSUPPORTED_MEDIA_TYPE' },
  431: { error: 'The request headers are too large', code: 'HEADERS_TOO_LARGE' }
}

/** The body for an error the HTTP parser raises before Fastify sees a request. */
export function clientErrorBody (statusCode: number): ErrorBody {
  return { ...(GENERIC_BY_STATUS[statusCode] ?? { error: 'The request is malformed', code: 'BAD_REQUEST' }), statusCode }
}

export interface ErrorBody {
  error: string
  code: string
  statusCode: number
}

/** The JSON body for any error: known 4xx keep their reason, everything else is a generic 500. */
export function toErrorBody (error: { statusCode?: number, code?: string, message: string }): ErrorBody {
  if (error instanceof StoreUnavailableError) return { error: error.message, code: 'STORE_UNAVAILABLE', statusCode: 503 }
  const statusCode = error.statusCode ?? 500
  if (statusCode >= 500 && statusCode !== 503) {
    return { error: 'Something went wrong on our side, please try again', code: 'INTERNAL_ERROR', statusCode: 500 }
  }
  const fastifyCode = error.code === undefined ? undefined : FASTIFY_CODES[error.code]
  if (fastifyCode !== undefined) {
    return { error: FASTIFY_MESSAGES[fastifyCode] ?? error.message, code: fastifyCode, statusCode }
  }
  if (error.code === undefined || error.code.startsWith('FST_')) return clientErrorBody(statusCode)
  return { error: error.message, code: error.code, statusCode }
}

