// The one interface every model provider implements.
import type { FlaggedRiskLevel, RiskCategory, Role } from '../vocabulary.ts'
import type { AgentError } from './errors.ts'

export interface ChatTurn {
  role: Role
  content: string
}

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
  /** Prompt tokens read from the provider's cache (billed at the cached rate), when it reports them. */
  cacheReadTokens?: number
  /** Prompt tokens written to the provider's cache, when it reports them. */
  cacheWriteTokens?: number
}

/** What a finished reply reports besides its text. */
export interface AgentOutcome {
  stopReason: string
  usage: TokenUsage
  /** The configured model failed before its first token and the offline listener answered instead. */
  fallback?: boolean
}

/**
 * A reply being generated: yields the text in order and returns the outcome.
 * It rejects once `signal` aborts, and closes its upstream request when it does.
 * (An async generator is one; so is the retry wrapper, which passes steps through as they are.)
 */
export type AgentReply = AsyncIterator<string, AgentOutcome, undefined>

export interface StreamOptions {
  signal: AbortSignal
  /** Set when the risk screen flagged the user's message: the reply must follow the crisis protocol. */
  crisis?: { category: RiskCategory, level?: FlaggedRiskLevel }
}

export interface Agent {
  readonly provider: string
  readonly model: string
  /** Tokens the agent adds to every request (its system prompt), to leave room for in the history budget. */
  readonly promptTokens: number
  stream (history: ChatTurn[], options: StreamOptions): AgentReply
}

/** What every model-backed provider (anthropic, openai) is configured with. */
export interface ModelAgentOptions {
  apiKey: string
  baseURL: string
  model: string
  maxTokens: number
  systemPrompt: string
  maxRetries: number
  retryDelayMs: number
  timeoutMs: number
  /** Told of each failed attempt that will be retried (metrics). */
  onRetry?: (error: AgentError) => void
}
