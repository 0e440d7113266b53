// Provider errors in one shape, so retries and the client's `error` event need no provider knowledge.

export class AgentError extends Error {
  override name = 'AgentError'
  /** Rate limit, overload, 5xx or network trouble: worth retrying before the first token. */
  readonly transient: boolean

  constructor (message: string, options: { transient: boolean, cause?: unknown }) {
    super(message, { cause: options.cause })
    this.transient = options.transient
  }
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
