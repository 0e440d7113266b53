// What a log line may say about a request and an error. Errors keep their kind, message, code and
// stack only: ioredis puts the failed command with its arguments on the error (`command.args`, and
// `previousErrors[]` for a transaction), which for a reply is its text. Requests name the route
// pattern, never the URL: a query can carry a userId or a token.
/** The part of a request a log line may show. */
export interface LoggedRequest {
  method: string
  routeOptions?: { url?: string }
}

export interface SafeError {
  [key: string]: unknown
  type: string
  message: string
  /** The frames, after the kept message. */
  stack: string
  code?: string
  statusCode?: number
  cause?: SafeError
  /** The messages of the errors a transaction failed with, not their commands. */
  previousErrors?: string[]
  errors?: SafeError[]
}

const MAX_DEPTH = 3

/** JSON.parse's message quotes the text it could not read; Redis quotes an unknown command's arguments. */
function messageOf (error: Error): string {
  if (error instanceof SyntaxError) return 'invalid JSON'
  return String(error.message).replace(/, with args beginning with:.*$/s, '')
}

export function serializeError (value: unknown, depth = 0): SafeError {
  if (!(value instanceof Error)) return { type: typeof value, message: 'not an Error', stack: '' }
  const error = value as Error & { code?: unknown, statusCode?: unknown, previousErrors?: unknown, errors?: unknown }
  const type = error.constructor?.name ?? 'Error'
  const message = messageOf(error)
  const frames = (error.stack ?? '').split('\n').filter(line => /^\s+at /.test(line))
  // The stack's first line repeats the message: the kept message, then the frames.
  const safe: SafeError = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') }
  if (typeof error.code === 'string') safe.code = error.code
  if (typeof error.statusCode === 'number') safe.statusCode = error.statusCode
  if (Array.isArray(error.previousErrors)) {
    safe.previousErrors = error.previousErrors.map((previous: unknown) => previous instanceof Error ? messageOf(previous) : 'unknown')
  }
  if (depth < MAX_DEPTH && error.cause !== undefined) safe.cause = serializeError(error.cause, depth + 1)
  if (depth < MAX_DEPTH && Array.isArray(error.errors)) safe.errors = error.errors.map((inner: unknown) => serializeError(inner, depth + 1))
  return safe
}

export function serializeRequest (request: LoggedRequest): { method: string, route: string } {
  return {
    method: request.method,
    // The pattern (/sessions/:sessionId/messages), not the URL with its ids and query.
    route: request.routeOptions?.url ?? 'unmatched'
  }
}

export const logSerializers = {
  err: (error: unknown) => serializeError(error),
  req: serializeRequest
}
