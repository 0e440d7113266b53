// The last touches on the OpenAPI document @fastify/swagger builds from the route schemas, so that
// every generator and linter can use it: a description on every operation and response (by status
// for the shared error responses), explicit `security: []` on open routes, and a 4xx on every
// operation (any route answers 400 to a body that is not JSON). Done here, once, rather than in
// each route, so that a new route gets them too.

type Json = Record<string, any>

const ERROR_RESPONSES: Record<string, string> = {
  400: 'The request is malformed: a missing or wrongly typed field, a bad id or header, a body that is not JSON (code INVALID_REQUEST or INVALID_JSON)',
  401: 'Authentication is on and the bearer token is missing, malformed, expired or wrongly signed (code UNAUTHORIZED)',
  403: "The userId differs from the token's subject (code FORBIDDEN)",
  404: 'Nothing is there for this user (code SESSION_NOT_FOUND, REPLY_NOT_FOUND or NOT_FOUND)',
  409: 'A reply is already streaming for this session (code SESSION_BUSY)',
  413: 'The request body is over the size limit (code PAYLOAD_TOO_LARGE)',
  415: 'The request body is not JSON (code UNSUPPORTED_MEDIA_TYPE)',
  422: 'The Idempotency-Key was used before with another body (code IDEMPOTENCY_KEY_REUSED)',
  429: 'Over the rate limit, or too many replies streaming for this user; Retry-After says when to try again (code RATE_LIMITED or TOO_MANY_STREAMS)',
  500: 'Something unexpected failed; logged with the request id (code INTERNAL_ERROR)',
  503: 'The session store does not answer, or the service is shutting down (code STORE_UNAVAILABLE or SHUTTING_DOWN)'
}

const ERROR_REF = '#/components/schemas/ApiError'
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])

export function completeDocument (document: Json): Json {
  for (const pathItem of Object.values(document.paths ?? {}) as Json[]) {
    for (const [method, operation] of Object.entries(pathItem) as Array<[string, Json]>) {
      if (METHODS.has(method)) completeOperation(operation)
    }
  }
  return document
}

function completeOperation (operation: Json): void {
  operation.description ??= operation.summary
  // Without a `security` of its own an operation inherits none, but linters want that said.
  operation.security ??= []
  const responses: Json = operation.responses ?? (operation.responses = {})
  if (!Object.keys(responses).some(status => status.startsWith('4'))) {
    responses['400'] = { content: { 'application/json': { schema: { $ref: ERROR_REF } } } }
  }
  for (const [status, response] of Object.entries(responses) as Array<[string, Json]>) {
    const isError = response.content?.['application/json']?.schema?.$ref === ERROR_REF
    if (isError && ERROR_RESPONSES[status] !== undefined) response.description = ERROR_RESPONSES[status]
    else if (response.description === undefined || response.description === 'Default Response') response.description = operation.summary
  }
}
