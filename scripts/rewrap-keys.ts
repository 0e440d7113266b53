// `npm run rewrap-keys`: re-wraps every session's data key with the newest key of
// STORE_ENCRYPTION_KEYS, on the same settings as the service, and re-seals with its data key what an
// earlier version sealed with a master key itself, so the older keys can then be removed.
import { loadConfig } from '../plugins/config.ts'
import { rewrapDataKeys } from '../src/store/encrypted.ts'
import { createStore } from '../src/store/index.ts'
import { keyRingFromSettings } from '../src/store/key-ring.ts'

const config = loadConfig({ dotenv: true })
const encryption = keyRingFromSettings(config)
if (encryption === undefined) {
  console.error('env/STORE_ENCRYPTION_KEYS must be set (the new key first, then the old ones)')
  process.exit(1)
}
const { Redis } = await import('ioredis')
const redis = config.STORE === 'redis' ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : null
const store = createStore({ type: config.STORE, sqlitePath: config.SQLITE_PATH, redis, sessionTtlMs: 0 })
try {
  const { rewrapped, resealed, failed } = await rewrapDataKeys(store, encryption.ring)
  console.log(JSON.stringify({ rewrapped, resealed, failed, keyId: encryption.ring.newestId }))
  // A data key no configured key unwraps would be lost with the old key: keep it until resolved.
  if (failed > 0) process.exitCode = 2
} finally {
  await store.close()
  redis?.disconnect()
}
