// Provides `app.store`: the session store the configuration names (or one a test hands in), closed on shutdown.
import fp from 'fastify-plugin'
import { createStore } from '../src/store/index.ts'
import type { SessionStore } from '../src/store/types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: SessionStore
  }
}

export interface StorePluginOptions {
  store?: SessionStore
}

export default fp<StorePluginOptions>(async function storePlugin (app, opts) {
  const store = opts.store ?? createStore({ type: app.config.STORE, sqlitePath: app.config.SQLITE_PATH })
  app.decorate('store', store)
  app.addHook('onClose', async () => { await store.close() })
}, { name: 'store', dependencies: ['config'] })
