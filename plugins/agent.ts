// Provides `app.agent`: the model provider the configuration names (or one a test hands in).
import fp from 'fastify-plugin'
import { AgentError } from '../src/agent/errors.ts'
import { withFallback } from '../src/agent/fallback.ts'
import { createReflectiveAgent } from '../src/agent/reflective/index.ts'
import { loadSystemPrompt } from '../src/agent/system-prompt.ts'
import type { Agent } from '../src/agent/types.ts'
import type { Config } from './config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    agent: Agent
  }
}

export interface AgentPluginOptions {
  agent?: Agent
}

async function createAgent (config: Config, promptRule: string, onRetry: (error: AgentError) => void, onFallback: (error: unknown) => void): Promise<Agent> {
  const provider = config.AGENT_PROVIDER !== 'auto'
    ? config.AGENT_PROVIDER
    : config.ANTHROPIC_API_KEY !== '' ? 'anthropic' : 'reflective'
  if (provider === 'reflective') return createReflectiveAgent({ wordDelayMs: config.REFLECTIVE_WORD_DELAY_MS })
  const common = {
    maxTokens: config.AGENT_MAX_TOKENS,
    systemPrompt: [await loadSystemPrompt(config.AGENT_SYSTEM_PROMPT_FILE), promptRule].filter(part => part !== '').join('\n\n'),
    maxRetries: config.AGENT_MAX_RETRIES,
    retryDelayMs: config.AGENT_RETRY_DELAY_MS,
    timeoutMs: config.AGENT_TIMEOUT_MS,
    onRetry
  }
  // Each provider's SDK is loaded only when it is the one configured: they are large.
  let model: Agent
  if (provider === 'openai') {
    const { createOpenAIAgent } = await import('../src/agent/openai.ts')
    model = createOpenAIAgent({ ...common, apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL })
  } else {
    const { createAnthropicAgent } = await import('../src/agent/anthropic.ts')
    model = createAnthropicAgent({ ...common, apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL, model: config.ANTHROPIC_MODEL })
  }
  if (config.AGENT_FALLBACK === 'none') return model
  return withFallback(model, createReflectiveAgent({ wordDelayMs: config.REFLECTIVE_WORD_DELAY_MS }), onFallback)
}

export default fp<AgentPluginOptions>(async function agentPlugin (app, opts) {
  const onRetry = (error: AgentError): void => {
    app.telemetry.chat.modelRetries.inc({ provider: app.agent.provider, kind: error.kind })
    app.log.warn({ kind: error.kind }, 'model request failed before its first token; retrying')
  }
  const onFallback = (error: unknown): void => {
    app.log.warn({ kind: error instanceof AgentError ? error.kind : 'unknown' }, 'model failed before its first token; the offline listener answers')
  }
  app.decorate('agent', opts.agent ?? await createAgent(app.config, app.compliance.systemPromptRule, onRetry, onFallback))
}, { name: 'agent', dependencies: ['config', 'telemetry', 'compliance'] })
