// Provides `app.conversation`: the chat use case (src/chat/conversation.ts) wired to this
// instance's store, agent, reply bus, risk screen, compliance duties, crisis hand-off and metrics.
import fp from 'fastify-plugin'
import { Conversation } from '../src/chat/conversation.ts'

declare module 'fastify' {
  interface FastifyInstance {
    conversation: Conversation
  }
}

export default fp(async function conversationPlugin (app) {
  const { replyBus } = app
  app.decorate('conversation', new Conversation({
    store: app.store,
    agent: app.agent,
    bus: replyBus.bus,
    registry: replyBus.registry,
    streams: replyBus.streams,
    safety: app.safety,
    compliance: app.compliance,
    handoff: app.handoff ?? undefined,
    metrics: app.telemetry.chat,
    historyMaxTokens: app.config.HISTORY_MAX_TOKENS,
    isDraining: () => replyBus.draining
  }))
}, { name: 'conversation', dependencies: ['config', 'store', 'agent', 'reply-bus', 'safety', 'compliance', 'handoff', 'telemetry'] })
