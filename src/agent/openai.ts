// The `openai` provider: any OpenAI-compatible chat-completions server (vLLM, llama.cpp's server,
// Ollama, LM Studio, or OpenAI itself) through the official SDK, streaming, retried before the first token.
import OpenAI from 'openai'
import { crisisInstruction } from '../safety/messages.ts'
import { AgentError, kindOfStatus, type AgentErrorKind } from './errors.ts'
import { createPooledFetch } from './pooled-fetch.ts'
import { retryingAgent } from './retry.ts'
import type { Agent, AgentReply, ChatTurn, ModelAgentOptions, StreamOptions, TokenUsage } from './types.ts'

export type OpenAIAgentOptions = ModelAgentOptions

// OpenAI's finish reasons in the words the rest of the service uses (Anthropic's).
const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'refusal',
  tool_calls: 'tool_use'
}

function kindOf (error: unknown): AgentErrorKind {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'timeout'
  if (error instanceof OpenAI.APIConnectionError) return 'connection'
  if (!(error instanceof OpenAI.APIError)) return 'unknown'
  if (error.status !== undefined) return kindOfStatus(error.status)
  // An error inside a 200 stream has no status: servers name it by type or code.
  const text = `${String(error.type ?? '')} ${String(error.code ?? '')}`
  if (/rate_limit/.test(text)) return 'rate_limit'
  if (/overloaded|server_error|unavailable/.test(text)) return 'server'
  return 'unknown'
}

export function createOpenAIAgent (options: OpenAIAgentOptions): Agent {
  const client = new OpenAI({
    apiKey: options.apiKey === '' ? 'not-needed' : options.apiKey,
    baseURL: options.baseURL === '' ? undefined : options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 0,
    fetch: createPooledFetch()
  })

  async function * streamOnce (history: ChatTurn[], { signal, crisis }: StreamOptions): AgentReply {
    const system = crisis === undefined ? options.systemPrompt : `${options.systemPrompt}\n\n${crisisInstruction(crisis.category)}`
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 }
    let stopReason = 'end_turn'
    try {
      const chunks = await client.chat.completions.create({
        model: options.model,
        max_tokens: options.maxTokens,
        messages: [{ role: 'system', content: system }, ...history.map(turn => ({ role: turn.role, content: turn.content }))],
        stream: true,
        stream_options: { include_usage: true }
      }, { signal })
      for await (const chunk of chunks) {
        const choice = chunk.choices[0]
        const text = choice?.delta?.content
        if (typeof text === 'string' && text !== '') yield text
        if (choice?.finish_reason != null) stopReason = STOP_REASONS[choice.finish_reason] ?? choice.finish_reason
        if (chunk.usage != null) {
          usage.inputTokens = chunk.usage.prompt_tokens
          usage.outputTokens = chunk.usage.completion_tokens
          const cached = chunk.usage.prompt_tokens_details?.cached_tokens
          if (cached !== undefined) usage.cacheReadTokens = cached
        }
      }
      // The SDK ends its iteration quietly on an abort; a cut-short reply must not look complete.
      signal.throwIfAborted()
    } catch (error) {
      if (signal.aborted) throw error
      throw new AgentError('OpenAI-compatible request failed', { kind: kindOf(error), cause: error })
    }
    return { stopReason, usage }
  }

  return retryingAgent('openai', options, streamOnce)
}
