// The Anthropic provider: the official SDK's streaming Messages API, retried before the first token.
import Anthropic from '@anthropic-ai/sdk'
import { AgentError } from './errors.ts'
import { retryUntilFirstToken } from './retry.ts'
import { crisisInstruction } from '../safety/messages.ts'
import type { Agent, AgentReply, ChatTurn, StreamOptions, TokenUsage } from './types.ts'

export interface AnthropicAgentOptions {
  apiKey: string
  baseURL?: string
  model: string
  maxTokens: number
  systemPrompt: string
  maxRetries: number
  retryDelayMs: number
  timeoutMs: number
}

const TRANSIENT_ERROR_TYPES = new Set(['overloaded_error', 'rate_limit_error', 'api_error', 'timeout_error'])

/** Rate limits, overload (529), 5xx, timeouts and lost connections are worth another try. */
function isTransient (error: unknown): boolean {
  if (error instanceof Anthropic.APIUserAbortError) return false
  if (error instanceof Anthropic.APIConnectionError) return true
  if (!(error instanceof Anthropic.APIError)) return false
  if (error.status !== undefined) return error.status === 408 || error.status === 429 || error.status >= 500
  // An `error` event inside a 200 stream has no status: judge it by its type.
  const type = (error.error as { error?: { type?: unknown } } | undefined)?.error?.type
  return typeof type === 'string' && TRANSIENT_ERROR_TYPES.has(type)
}

export function createAnthropicAgent (options: AnthropicAgentOptions): Agent {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL === '' ? undefined : options.baseURL,
    timeout: options.timeoutMs,
    // Retries are ours (retryUntilFirstToken) so that errors inside the stream are retried too.
    maxRetries: 0
  })

  async function * streamOnce (history: ChatTurn[], { signal, crisis }: StreamOptions): AgentReply {
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 }
    let stopReason = 'end_turn'
    try {
      const events = await client.messages.create({
        model: options.model,
        max_tokens: options.maxTokens,
        system: crisis === undefined ? options.systemPrompt : `${options.systemPrompt}\n\n${crisisInstruction(crisis.category)}`,
        messages: history.map(turn => ({ role: turn.role, content: turn.content })),
        stream: true
      }, { signal })
      for await (const event of events) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          if (event.delta.text !== '') yield event.delta.text
        } else if (event.type === 'message_start') {
          usage.inputTokens = event.message.usage.input_tokens
          usage.outputTokens = event.message.usage.output_tokens
        } else if (event.type === 'message_delta') {
          stopReason = event.delta.stop_reason ?? stopReason
          usage.outputTokens = event.usage.output_tokens
          usage.inputTokens = event.usage.input_tokens ?? usage.inputTokens
        }
      }
    } catch (error) {
      if (signal.aborted) throw error
      throw new AgentError('Anthropic request failed', { transient: isTransient(error), cause: error })
    }
    return { stopReason, usage }
  }

  return {
    provider: 'anthropic',
    model: options.model,
    stream (history, streamOptions) {
      return retryUntilFirstToken(() => streamOnce(history, streamOptions), {
        retries: options.maxRetries,
        minDelayMs: options.retryDelayMs,
        signal: streamOptions.signal
      })
    }
  }
}
