// Provides `app.agent`: the model provider the configuration names (or one a test hands in).
import fp from 'fastify-plugin'
import { createAnthropicAgent } from '../src/agent/anthropic.ts'
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

async function createAgent (config: Config): Promise<Agent> {
  const useAnthropic = config.AGENT_PROVIDER === 'anthropic' ||
    (config.AGENT_PROVIDER === 'auto' && config.ANTHROPIC_API_KEY !== '')
  if (!useAnthropic) return createReflectiveAgent({ wordDelayMs: config.REFLECTIVE_WORD_DELAY_MS })
  return createAnthropicAgent({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    model: config.ANTHROPIC_MODEL,
    maxTokens: config.AGENT_MAX_TOKENS,
    systemPrompt: await loadSystemPrompt(config.AGENT_SYSTEM_PROMPT_FILE),
    maxRetries: config.AGENT_MAX_RETRIES,
    retryDelayMs: config.AGENT_RETRY_DELAY_MS,
    timeoutMs: config.AGENT_TIMEOUT_MS
  })
}

export default fp<AgentPluginOptions>(async function agentPlugin (app, opts) {
  app.decorate('agent', opts.agent ?? await createAgent(app.config))
}, { name: 'agent', dependencies: ['config'] })
