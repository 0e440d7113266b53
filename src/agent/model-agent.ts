// What the model providers (anthropic, openai) share: one attempt's stream loop with its abort check
// and error kinds, the SDK client's settings, and the retries before the first token. A provider
// holds only its request, how its chunks read, and how its stream names an error.
import { AgentError, kindOfStatus, type AgentErrorKind } from './errors.ts'
import { createPooledFetch } from './pooled-fetch.ts'
import { retryUntilFirstToken } from './retry.ts'
import { estimateTokens } from './tokens.ts'
import type { Agent, AgentOutcome, AgentReply, ChatTurn, ModelAgentOptions, StreamOptions } from './types.ts'

/** The part of an SDK's `APIError` this file reads. */
interface SdkApiError extends Error {
  readonly status: number | undefined
}

/** The error classes both official SDKs put on their client class (`Anthropic`, `OpenAI`). */
export interface SdkErrorClasses<ApiError extends SdkApiError> {
  APIError: abstract new (...args: never[]) => ApiError
  APIConnectionError: abstract new (...args: never[]) => Error
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error
}

export interface ModelProvider<Chunk, ApiError extends SdkApiError> {
  /** As the configuration, metrics and logs name it. */
  name: string
  /** As an AgentError's message names it. */
  title: string
  errors: SdkErrorClasses<ApiError>
  /** The kind of an error inside a 200 stream, which has no status. */
  streamErrorKind: (error: ApiError) => AgentErrorKind
  /** Sends the request; resolves to its stream of chunks. */
  open: (history: ChatTurn[], options: StreamOptions) => Promise<AsyncIterable<Chunk>>
  /** A chunk's text, if it has any; the usage and stop reason it reports go into `outcome`. */
  read: (chunk: Chunk, outcome: AgentOutcome) => string | null | undefined
}

/** What both SDK clients are built with besides their key. */
export function sdkClientOptions (options: ModelAgentOptions): { baseURL: string | undefined, timeout: number, maxRetries: 0, fetch: typeof fetch } {
  return {
    baseURL: options.baseURL === '' ? undefined : options.baseURL,
    timeout: options.timeoutMs,
    // Retries are ours (retryUntilFirstToken) so that errors inside the stream are retried too.
    maxRetries: 0,
    fetch: createPooledFetch()
  }
}

function kindOf<ApiError extends SdkApiError> (error: unknown, provider: Pick<ModelProvider<unknown, ApiError>, 'errors' | 'streamErrorKind'>): AgentErrorKind {
  const { errors } = provider
  if (error instanceof errors.APIConnectionTimeoutError) return 'timeout'
  if (error instanceof errors.APIConnectionError) return 'connection'
  if (!(error instanceof errors.APIError)) return 'unknown'
  if (error.status !== undefined) return kindOfStatus(error.status)
  return provider.streamErrorKind(error)
}

/** A model provider's Agent: its single attempt, retried before the first token as configured. */
export function createModelAgent<Chunk, ApiError extends SdkApiError> (options: ModelAgentOptions, provider: ModelProvider<Chunk, ApiError>): Agent {
  async function * streamOnce (history: ChatTurn[], streamOptions: StreamOptions): AgentReply {
    const { signal } = streamOptions
    const outcome: AgentOutcome = { stopReason: 'end_turn', usage: { inputTokens: 0, outputTokens: 0 } }
    try {
      for await (const chunk of await provider.open(history, streamOptions)) {
        const text = provider.read(chunk, outcome)
        if (typeof text === 'string' && text !== '') yield text
      }
      // The SDKs end their iteration quietly on an abort; a cut-short reply must not look complete.
      signal.throwIfAborted()
    } catch (error) {
      if (signal.aborted) throw error
      throw new AgentError(`${provider.title} request failed`, { kind: kindOf(error, provider), cause: error })
    }
    return outcome
  }

  return {
    provider: provider.name,
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
