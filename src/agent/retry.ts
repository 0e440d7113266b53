// Retries a reply that fails before its first token; after that the client already has text, so no retry.
import pRetry from 'p-retry'
import { AgentError } from './errors.ts'
import type { AgentOutcome, AgentReply } from './types.ts'

export interface RetryOptions {
  retries: number
  minDelayMs: number
  signal: AbortSignal
  /** Told of each failed attempt that will be retried (metrics). */
  onRetry?: (error: AgentError) => void
}

export function retryUntilFirstToken (start: () => AgentReply, options: RetryOptions): AgentReply {
  let reply: AgentReply | undefined
  let first: Promise<IteratorResult<string, AgentOutcome>> | undefined
  const attemptUntilFirstStep = async (): Promise<IteratorResult<string, AgentOutcome>> => {
    const attempt = await pRetry(async () => {
      const candidate = start()
      return { candidate, step: await candidate.next() }
    }, {
      retries: options.retries,
      minTimeout: options.minDelayMs,
      factor: 2,
      randomize: true,
      signal: options.signal,
      shouldRetry: ({ error }) => {
        const retry = error instanceof AgentError && error.transient && !options.signal.aborted
        if (retry) options.onRetry?.(error)
        return retry
      }
    })
    reply = attempt.candidate
    return attempt.step
  }
  return {
    // Not a generator wrapping the reply: after the first step each step is the provider's own,
    // with no promise or generator hop added per token.
    next: () => {
      if (reply !== undefined) return reply.next()
      if (first === undefined) return (first = attemptUntilFirstStep())
      return first.then(() => (reply as AgentReply).next())
    },
    return: async (value?: AgentOutcome | PromiseLike<AgentOutcome>) =>
      await reply?.return?.(value) ?? { done: true, value: await (value as AgentOutcome) }
  }
}
