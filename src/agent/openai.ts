// The `openai` provider: any OpenAI-compatible chat-completions server (vLLM, llama.cpp's server,
// Ollama, LM Studio, or OpenAI itself) through the official SDK, streaming.
import OpenAI from 'openai'
import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import { crisisInstruction } from '../safety/messages.ts'
import type { AgentErrorKind } from './errors.ts'
import { createModelAgent, sdkClientOptions } from './model-agent.ts'
import type { Agent, AgentOutcome, ModelAgentOptions } from './types.ts'

export type OpenAIAgentOptions = ModelAgentOptions

// OpenAI's finish reasons in the words the rest of the service uses (Anthropic's).
const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'refusal',
  tool_calls: 'tool_use'
}

/** Servers name an error inside a 200 stream by type or code. */
function streamErrorKind (error: InstanceType<typeof OpenAI.APIError>): AgentErrorKind {
  const text = `${String(error.type ?? '')} ${String(error.code ?? '')}`
  if (/rate_limit/.test(text)) return 'rate_limit'
  if (/overloaded|server_error|unavailable/.test(text)) return 'server'
  return 'unknown'
}

function read (chunk: ChatCompletionChunk, outcome: AgentOutcome): string | null | undefined {
  const choice = chunk.choices[0]
  if (choice?.finish_reason != null) outcome.stopReason = STOP_REASONS[choice.finish_reason] ?? choice.finish_reason
  if (chunk.usage != null) {
    outcome.usage.inputTokens = chunk.usage.prompt_tokens
    outcome.usage.outputTokens = chunk.usage.completion_tokens
    const cached = chunk.usage.prompt_tokens_details?.cached_tokens
    if (cached !== undefined) outcome.usage.cacheReadTokens = cached
  }
  return choice?.delta?.content
}

export function createOpenAIAgent (options: OpenAIAgentOptions): Agent {
  const client = new OpenAI({ apiKey: options.apiKey === '' ? 'not-needed' : options.apiKey, ...sdkClientOptions(options) })
  return createModelAgent(options, {
    name: 'openai',
    title: 'OpenAI-compatible',
    errors: OpenAI,
    streamErrorKind,
    open: async (history, { signal, crisis }) => await client.chat.completions.create({
      model: options.model,
      max_tokens: options.maxTokens,
      messages: [
        { role: 'system', content: crisis === undefined ? options.systemPrompt : `${options.systemPrompt}\n\n${crisisInstruction(crisis.category)}` },
        ...history.map(turn => ({ role: turn.role, content: turn.content }))
      ],
      stream: true,
      stream_options: { include_usage: true }
    }, { signal }),
    read
  })
}
