// What the domain refuses, each with a stable code (the `code` of the JSON error body); the HTTP
// status each code is answered with belongs to the error handler (plugins/errors.ts).
import type { RequestErrorCode } from './vocabulary.ts'

export class ServiceError extends Error {
  readonly code: RequestErrorCode
  constructor (code: RequestErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** A ServiceError class with its code and message fixed. */
function serviceError (code: RequestErrorCode, message: string) {
  return class extends ServiceError {
    constructor () {
      super(code, message)
    }
  }
}

export const SessionBusyError = serviceError('SESSION_BUSY', 'A reply is already streaming for this session; wait for it to finish')
export const SessionNotFoundError = serviceError('SESSION_NOT_FOUND', 'Session not found')
export const UnknownCursorError = serviceError('INVALID_REQUEST', 'before is not the id of a message of this session')
export const ShuttingDownError = serviceError('SHUTTING_DOWN', 'The service is shutting down; please retry in a moment')
export const ReplyNotFoundError = serviceError('REPLY_NOT_FOUND', 'This session has no reply to resume')
export const InvalidIdempotencyKeyError = serviceError('INVALID_REQUEST', 'Idempotency-Key must be a string of printable characters, at most 255')
export const IdempotencyKeyReusedError = serviceError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request; use a new key for a new message')
export const TooManyStreamsError = serviceError('TOO_MANY_STREAMS', 'Too many replies are streaming for this user; wait for one to finish')
export const ServerBusyError = serviceError('SERVER_BUSY', 'The service holds as many streams as it can; please retry in a moment')
