// Retries a reply that fails before its first token; after that the client already has text, so no retry.
import pRetry from 'p-retry'
import { estimateTokens } from '../chat/tokens.ts'
import { AgentError } from './errors.ts'
import type { Agent, AgentReply, ChatTurn, ModelAgentOptions, StreamOptions } from './types.ts'

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

/** A model provider's Agent: its single attempt, retried before the first token as configured. */
export function retryingAgent (
  provider: string,
  options: ModelAgentOptions,
  streamOnce: (history: ChatTurn[], streamOptions: StreamOptions) => AgentReply
): Agent {
  return {
    provider,
    model: options.model,
    promptTokens: estimateTokens(options.systemPrompt),
    stream (history, streamOptions) {
      return retryUntilFirstToken(() => streamOnce(history, streamOptions), {
        retries: options.maxRetries,
        minDelayMs: options.retryDelayMs,
        signal: streamOptions.signal,
        onRetry: options.onRetry
      })
    }
  }
}
