// The logger the domain writes to: the request's pino logger when a route calls it.
import type { BaseLogger } from 'pino'

export type Log = Pick<BaseLogger, 'info' | 'warn' | 'error'>
