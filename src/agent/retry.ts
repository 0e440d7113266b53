// Retries a reply that fails before its first token; after that the client already has text, so no retry.
import pRetry from 'p-retry'
import { AgentError } from './errors.ts'
import type { AgentReply } from './types.ts'

export interface RetryOptions {
  retries: number
  minDelayMs: number
  signal: AbortSignal
  /** Told of each failed attempt that will be retried (metrics). */
  onRetry?: (error: AgentError) => void
}

export async function * retryUntilFirstToken (start: () => AgentReply, options: RetryOptions): AgentReply {
  const { reply, first } = await pRetry(async () => {
    const reply = start()
    return { reply, first: await reply.next() }
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
  if (first.done === true) return first.value
  yield first.value
  return yield * reply
}
