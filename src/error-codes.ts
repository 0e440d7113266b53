// Every code an error body can carry, for the OpenAPI document's enum: the codes of the errors
// src/errors.ts defines, Fastify's codes as renamed there, and the ones toErrorBody and the
// not-found handler make themselves. Read from the module, so that a new error is listed at once.
import * as errors from './errors.ts'

type ErrorClass = new () => { code: string }

const defined = (Object.values(errors) as unknown[])
  .filter((value): value is ErrorClass => typeof value === 'function' && value.prototype instanceof Error)
  .map(ErrorClass => new ErrorClass().code)

export const ERROR_CODES: string[] = [...new Set([
  ...defined,
  ...Object.values(errors.FASTIFY_CODES),
  ...Object.values(errors.GENERIC_BY_STATUS).map(generic => generic.code),
  'BAD_REQUEST', 'NOT_FOUND', 'STORE_UNAVAILABLE', 'INTERNAL_ERROR'
])].sort()
