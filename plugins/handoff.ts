// Provides `app.handoff`: the crisis hand-off to the operator's webhook (src/handoff/) when
// HANDOFF_WEBHOOK_URL and HANDOFF_WEBHOOK_SECRET are set, else null. Delivery starts when the app
// is ready and stops when it closes, before the store does.
import fp from 'fastify-plugin'
import { CrisisHandoff } from '../src/handoff/handoff.ts'
import type { SafetyFlag } from '../src/store/types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    handoff: CrisisHandoff | null
  }
}

export default fp(async function handoffPlugin (app) {
  const { config } = app
  if (config.HANDOFF_WEBHOOK_URL === '') {
    app.decorate('handoff', null)
    return
  }
  const handoff = new CrisisHandoff({
    store: app.store,
    url: config.HANDOFF_WEBHOOK_URL,
    secret: config.HANDOFF_WEBHOOK_SECRET,
    levels: [...new Set(config.HANDOFF_LEVELS.split(',').map(level => level.trim() as SafetyFlag['level']))],
    profiles: app.compliance.duties.profiles,
    retryBaseMs: config.HANDOFF_RETRY_BASE_MS,
    maxAttempts: config.HANDOFF_MAX_ATTEMPTS,
    timeoutMs: config.HANDOFF_TIMEOUT_MS,
    metrics: app.telemetry.chat,
    log: app.log.child({ component: 'handoff' })
  })
  app.decorate('handoff', handoff)
  app.addHook('onReady', async () => { handoff.start() })
  // Registered after the store's, so it runs first: the loop stops before the store closes.
  app.addHook('onClose', async () => { await handoff.stop() })
}, { name: 'handoff', dependencies: ['config', 'store', 'compliance', 'telemetry'] })
