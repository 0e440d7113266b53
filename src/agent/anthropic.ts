// The Anthropic provider: the official SDK's streaming Messages API.
// The system prompt and the stable prefix of the history carry cache_control, so a long session
// is billed mostly at the cached rate.
import Anthropic from '@anthropic-ai/sdk'
import type { MessageParam, RawMessageStreamEvent, TextBlockParam } from '@anthropic-ai/sdk/resources/messages'
import { crisisInstruction } from '../safety/messages.ts'
import type { AgentErrorKind } from './errors.ts'
import { createModelAgent, sdkClientOptions } from './model-agent.ts'
import type { Agent, AgentOutcome, ChatTurn, ModelAgentOptions, StreamOptions } from './types.ts'

export type AnthropicAgentOptions = ModelAgentOptions

const ERROR_TYPE_KINDS: Record<string, AgentErrorKind> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limit',
  api_error: 'server',
  timeout_error: 'timeout'
}

/** An `error` event inside a 200 stream is judged by its type. */
function streamErrorKind (error: InstanceType<typeof Anthropic.APIError>): AgentErrorKind {
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

function read (event: RawMessageStreamEvent, outcome: AgentOutcome): string | undefined {
  const { usage } = outcome
  if (event.type === 'content_block_delta') {
    if (event.delta.type === 'text_delta') return event.delta.text
  } else if (event.type === 'message_start') {
    const start = event.message.usage
    usage.inputTokens = start.input_tokens
    usage.outputTokens = start.output_tokens
    usage.cacheReadTokens = start.cache_read_input_tokens ?? 0
    usage.cacheWriteTokens = start.cache_creation_input_tokens ?? 0
  } else if (event.type === 'message_delta') {
    outcome.stopReason = event.delta.stop_reason ?? outcome.stopReason
    usage.outputTokens = event.usage.output_tokens
    usage.inputTokens = event.usage.input_tokens ?? usage.inputTokens
  }
  return undefined
}

export function createAnthropicAgent (options: AnthropicAgentOptions): Agent {
  const client = new Anthropic({ apiKey: options.apiKey, ...sdkClientOptions(options) })
  return createModelAgent(options, {
    name: 'anthropic',
    title: 'Anthropic',
    errors: Anthropic,
    streamErrorKind,
    open: async (history, { signal, crisis }) => await client.messages.create({
      model: options.model,
      max_tokens: options.maxTokens,
      system: systemBlocks(options.systemPrompt, crisis),
      messages: messages(history),
      stream: true
    }, { signal }),
    read
  })
}
