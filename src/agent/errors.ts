// Provider errors in one shape, so retries, metrics and the client's `error` event need no provider knowledge.

/** What went wrong, as a metric label and a retry decision. */
export type AgentErrorKind = 'rate_limit' | 'overloaded' | 'server' | 'timeout' | 'connection' | 'request' | 'unknown'

const TRANSIENT: ReadonlySet<AgentErrorKind> = new Set(['rate_limit', 'overloaded', 'server', 'timeout', 'connection'])

export class AgentError extends Error {
  override name = 'AgentError'
  readonly kind: AgentErrorKind

  constructor (message: string, options: { kind: AgentErrorKind, cause?: unknown }) {
    super(message, { cause: options.cause })
    this.kind = options.kind
  }

  /** Rate limit, overload, 5xx, timeout or network trouble: worth retrying before the first token. */
  get transient (): boolean {
    return TRANSIENT.has(this.kind)
  }
}

/** The kind of an HTTP status from a model API. */
export function kindOfStatus (status: number): AgentErrorKind {
  if (status === 429) return 'rate_limit'
  if (status === 529) return 'overloaded'
  if (status === 408) return 'timeout'
  if (status >= 500) return 'server'
  return 'request'
}

export interface AgentFailure {
  code: 'AGENT_UNAVAILABLE' | 'AGENT_ERROR'
  message: string
}

/** The code and words a client sees when a reply fails: never the upstream's own text. */
export function describeAgentFailure (error: unknown): AgentFailure {
  if (error instanceof AgentError && error.transient) {
    return { code: 'AGENT_UNAVAILABLE', message: 'The model service is unavailable, please try again' }
  }
  return { code: 'AGENT_ERROR', message: 'The reply could not be completed, please try again' }
}
