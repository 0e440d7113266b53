// The Anthropic provider: the official SDK's streaming Messages API, retried before the first token.
// The system prompt and the stable prefix of the history carry cache_control, so a long session
// is billed mostly at the cached rate.
import Anthropic from '@anthropic-ai/sdk'
import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages'
import { crisisInstruction } from '../safety/messages.ts'
import { AgentError, kindOfStatus, type AgentErrorKind } from './errors.ts'
import { createPooledFetch } from './pooled-fetch.ts'
import { retryingAgent } from './retry.ts'
import type { Agent, AgentReply, ChatTurn, ModelAgentOptions, StreamOptions, TokenUsage } from './types.ts'

export type AnthropicAgentOptions = ModelAgentOptions

const ERROR_TYPE_KINDS: Record<string, AgentErrorKind> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limit',
  api_error: 'server',
  timeout_error: 'timeout'
}

function kindOf (error: unknown): AgentErrorKind {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return 'timeout'
  if (error instanceof Anthropic.APIConnectionError) return 'connection'
  if (!(error instanceof Anthropic.APIError)) return 'unknown'
  if (error.status !== undefined) return kindOfStatus(error.status)
  // An `error` event inside a 200 stream has no status: judge it by its type.
  const type = (error.error as { error?: { type?: unknown } } | undefined)?.error?.type
  return typeof type === 'string' ? ERROR_TYPE_KINDS[type] ?? 'unknown' : 'unknown'
}

const CACHED = { type: 'ephemeral' } as const

/** The system prompt (cached) and, for a flagged message, the crisis instruction after it (not cached). */
function systemBlocks (prompt: string, crisis: StreamOptions['crisis']): TextBlockParam[] {
  const blocks: TextBlockParam[] = [{ type: 'text', text: prompt, cache_control: CACHED }]
  if (crisis !== undefined) blocks.push({ type: 'text', text: crisisInstruction(crisis.category) })
  return blocks
}

/** The conversation, with a cache breakpoint at the end of everything before the newest turn. */
function messages (history: ChatTurn[]): MessageParam[] {
  return history.map((turn, index) => index === history.length - 2
    ? { role: turn.role, content: [{ type: 'text', text: turn.content, cache_control: CACHED }] }
    : { role: turn.role, content: turn.content })
}

export function createAnthropicAgent (options: AnthropicAgentOptions): Agent {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL === '' ? undefined : options.baseURL,
    timeout: options.timeoutMs,
    // Retries are ours (retryUntilFirstToken) so that errors inside the stream are retried too.
    maxRetries: 0,
    fetch: createPooledFetch()
  })

  async function * streamOnce (history: ChatTurn[], { signal, crisis }: StreamOptions): AgentReply {
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 }
    let stopReason = 'end_turn'
    try {
      const events = await client.messages.create({
        model: options.model,
        max_tokens: options.maxTokens,
        system: systemBlocks(options.systemPrompt, crisis),
        messages: messages(history),
        stream: true
      }, { signal })
      for await (const event of events) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          if (event.delta.text !== '') yield event.delta.text
        } else if (event.type === 'message_start') {
          const start = event.message.usage
          usage.inputTokens = start.input_tokens
          usage.outputTokens = start.output_tokens
          usage.cacheReadTokens = start.cache_read_input_tokens ?? 0
          usage.cacheWriteTokens = start.cache_creation_input_tokens ?? 0
        } else if (event.type === 'message_delta') {
          stopReason = event.delta.stop_reason ?? stopReason
          usage.outputTokens = event.usage.output_tokens
          usage.inputTokens = event.usage.input_tokens ?? usage.inputTokens
        }
      }
      // The SDK ends its iteration quietly on an abort; a cut-short reply must not look complete.
      signal.throwIfAborted()
    } catch (error) {
      if (signal.aborted) throw error
      throw new AgentError('Anthropic request failed', { kind: kindOf(error), cause: error })
    }
    return { stopReason, usage }
  }

  return retryingAgent('anthropic', options, streamOnce)
}
