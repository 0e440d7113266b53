// Provides `app.store`: the session store the configuration names (or one a test hands in), with
// content encrypted at rest with per-session data keys when STORE_ENCRYPTION_KEYS (or
// STORE_ENCRYPTION_KEY) is set, idle sessions expired after
// SESSION_TTL_DAYS, and the store closed on shutdown.
import fp from 'fastify-plugin'
import { keyRingFromSettings } from '../src/store/key-ring.ts'
import { checkEncryptionKey, encryptedStore } from '../src/store/encrypted.ts'
import { instrumentedStore } from '../src/store/instrumented.ts'
import { createStore } from '../src/store/index.ts'
import { StoreUnavailableError, type SessionStore } from '../src/store/types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: SessionStore
  }
}

export interface StorePluginOptions {
  store?: SessionStore
}

const DAY_MS = 24 * 60 * 60 * 1000
const PURGE_EVERY_MS = 60 * 60 * 1000

export default fp<StorePluginOptions>(async function storePlugin (app, opts) {
  const { config } = app
  const base = opts.store ?? createStore({
    type: config.STORE,
    sqlitePath: config.SQLITE_PATH,
    redis: app.redis,
    sessionTtlMs: config.SESSION_TTL_DAYS * DAY_MS
  })
  app.addHook('onClose', async () => { await base.close() })

  const encryption = keyRingFromSettings(config)
  // With Redis away at boot the check waits for the first start that reaches it.
  await checkEncryptionKey(base, encryption?.ring, encryption?.setting ?? 'STORE_ENCRYPTION_KEYS').catch((error: unknown) => {
    if (!(error instanceof StoreUnavailableError)) throw error
    app.log.warn('store unavailable at boot: encryption key not checked')
  })
  const store = instrumentedStore(encryption === undefined ? base : encryptedStore(base, encryption.ring),
    (operation, outcome, seconds) => app.telemetry.chat.storeOperations.observe({ operation, outcome }, seconds))
  app.decorate('store', store)

  if (config.SESSION_TTL_DAYS > 0) {
    const purge = async (): Promise<void> => {
      try {
        const purged = await store.purgeIdleSessions(new Date(Date.now() - config.SESSION_TTL_DAYS * DAY_MS).toISOString())
        if (purged > 0) app.log.info({ purged }, 'expired idle sessions')
      } catch (error) {
        app.log.warn({ err: error }, 'could not expire idle sessions')
      }
    }
    await purge()
    const timer = setInterval(purge, PURGE_EVERY_MS).unref()
    app.addHook('onClose', async () => { clearInterval(timer) })
  }
}, { name: 'store', dependencies: ['config', 'redis', 'telemetry'] })
