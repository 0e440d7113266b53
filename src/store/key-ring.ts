// The master keys (STORE_ENCRYPTION_KEYS, newest first; or the one STORE_ENCRYPTION_KEY). They
// never encrypt content: they wrap each session's data key. A wrapped key names the master key
// that wrapped it (its key id), so an older master key still unwraps until it is re-wrapped.
import { createHash } from 'node:crypto'
import { open, seal } from './aes-gcm.ts'

const WRAPPED_PREFIX = 'kw1.'

export interface KeyRing {
  /** The key id new data keys are wrapped with. */
  readonly newestId: string
  /** The master keys, newest first (for values written before data keys existed). */
  readonly keys: Buffer[]
  wrap (dataKey: Buffer, context: string): string
  /** Throws when no key of the ring wrapped it, or it was wrapped for another context. */
  unwrap (wrapped: string, context: string): Buffer
  /** The id of the master key that wrapped this value. */
  keyIdOf (wrapped: string): string
}

/** A key's id: a digest of the key, so that it names the key without revealing it. */
export function keyIdOf (key: Buffer): string {
  return createHash('sha256').update('therapybot master key id\0').update(key).digest('hex').slice(0, 16)
}

/** Parses the setting: base64 keys of 32 bytes, comma-separated, newest first. */
export function parseKeyRing (setting: string, name: string): KeyRing {
  const keys = setting.split(',').map(part => part.trim()).filter(part => part !== '').map((part) => {
    const key = Buffer.from(part, 'base64')
    if (key.length !== 32 || key.toString('base64') !== part) {
      throw new Error(`env/${name} must be 32 random bytes, base64-encoded (openssl rand -base64 32), comma-separated`)
    }
    return key
  })
  if (keys.length === 0) throw new Error(`env/${name} holds no key`)
  const byId = new Map(keys.map(key => [keyIdOf(key), key]))
  const idOf = (wrapped: string): string => wrapped.slice(WRAPPED_PREFIX.length).split('.')[0] ?? ''
  const newest = keys[0] as Buffer
  const newestId = keyIdOf(newest)
  return {
    newestId,
    keys,
    wrap (dataKey, context) {
      return `${WRAPPED_PREFIX}${newestId}.${seal(newest, dataKey, `${newestId}\0${context}`).toString('base64')}`
    },
    unwrap (wrapped, context) {
      if (!wrapped.startsWith(WRAPPED_PREFIX)) throw new Error('not a wrapped key')
      const id = idOf(wrapped)
      const key = byId.get(id)
      if (key === undefined) throw new Error('wrapped by a master key that is not configured')
      return open(key, Buffer.from(wrapped.slice(WRAPPED_PREFIX.length + id.length + 1), 'base64'), `${id}\0${context}`)
    },
    keyIdOf: idOf
  }
}

/** The ring the settings name (STORE_ENCRYPTION_KEYS, else STORE_ENCRYPTION_KEY), or none. */
export function keyRingFromSettings (settings: { STORE_ENCRYPTION_KEYS: string, STORE_ENCRYPTION_KEY: string }): { ring: KeyRing, setting: string } | undefined {
  if (settings.STORE_ENCRYPTION_KEYS !== '' && settings.STORE_ENCRYPTION_KEY !== '') {
    throw new Error('env/STORE_ENCRYPTION_KEY must not be set with STORE_ENCRYPTION_KEYS: put every key in STORE_ENCRYPTION_KEYS, newest first')
  }
  const setting = settings.STORE_ENCRYPTION_KEYS !== '' ? 'STORE_ENCRYPTION_KEYS' : 'STORE_ENCRYPTION_KEY'
  const value = settings[setting]
  return value === '' ? undefined : { ring: parseKeyRing(value, setting), setting }
}
