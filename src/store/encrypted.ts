// Wraps any store so that a session's content is encrypted at rest with that session's own data
// key (envelope encryption: the data key is stored wrapped by a master key of the key ring).
// Erasing the session destroys its data key, so a copy of its ciphertext left in a backup or a
// replica can no longer be read. Each value is bound to its record (session, message id, role).
import { randomBytes } from 'node:crypto'
import { open, seal } from './aes-gcm.ts'
import type { KeyRing } from './key-ring.ts'
import type { SafetyFlag, SessionKey, SessionStore, StoredMessage } from './types.ts'

const SEALED = 'enc:v2:'
/** Content sealed by an earlier version with a master key itself, bound to the session only. */
const LEGACY = 'enc:v1:'
const CHECK_NAME = 'encryption-check'
const CHECK_TEXT = 'therapybot encryption check'

const dataKeyContext = (key: SessionKey): string => JSON.stringify(['data-key', key.userId, key.sessionId])
const messageContext = (key: SessionKey, message: Pick<StoredMessage, 'id' | 'role'>): string =>
  JSON.stringify(['message', key.userId, key.sessionId, message.id, message.role])
const noticeContext = (key: SessionKey, kind: string): string => JSON.stringify(['notice', key.userId, key.sessionId, kind])
const flagContext = (key: SessionKey): string => JSON.stringify(['safety-flag', key.userId, key.sessionId])
/** What the inner store keeps of a sealed flag beside the sealed value: nothing it could tell. */
const SEALED_FLAG_CATEGORY = 'sealed'

export function encryptedStore (inner: SessionStore, ring: KeyRing): SessionStore {
  /** The session's data key; undefined when it has none or it cannot be unwrapped. */
  async function existingDataKey (key: SessionKey): Promise<Buffer | undefined> {
    const wrapped = await inner.getDataKey(key)
    if (wrapped === undefined) return undefined
    try {
      return ring.unwrap(wrapped, dataKeyContext(key))
    } catch {
      return undefined
    }
  }

  async function dataKeyFor (key: SessionKey): Promise<Buffer> {
    const wrapped = await inner.getDataKey(key) ??
      // Two first writes at once: the store keeps one key and both use it.
      await inner.addDataKey(key, ring.wrap(randomBytes(32), dataKeyContext(key)))
    return ring.unwrap(wrapped, dataKeyContext(key))
  }

  function sealWith (dataKey: Buffer, text: string, context: string): string {
    return SEALED + seal(dataKey, Buffer.from(text, 'utf8'), context).toString('base64')
  }

  /** The text of a stored value; undefined when it cannot be opened. Plain values pass as they are. */
  function read (value: string, dataKey: Buffer | undefined, context: string, legacyContext: string): string | undefined {
    try {
      if (value.startsWith(SEALED)) {
        if (dataKey === undefined) return undefined
        return open(dataKey, Buffer.from(value.slice(SEALED.length), 'base64'), context).toString('utf8')
      }
      if (value.startsWith(LEGACY)) {
        const raw = Buffer.from(value.slice(LEGACY.length), 'base64')
        for (const master of ring.keys) {
          try {
            return open(master, raw, legacyContext).toString('utf8')
          } catch {}
        }
        return undefined
      }
      return value
    } catch {
      return undefined
    }
  }

  return {
    ...inner,
    appendMessage: async (key, message) => {
      const dataKey = await dataKeyFor(key)
      await inner.appendMessage(key, { ...message, content: sealWith(dataKey, message.content, messageContext(key, message)) })
    },
    updateMessage: async (key, message) => {
      const dataKey = await dataKeyFor(key)
      await inner.updateMessage(key, { ...message, content: sealWith(dataKey, message.content, messageContext(key, message)) })
    },
    listMessages: async (key, options) => {
      const messages = await inner.listMessages(key, options)
      const dataKey = messages.length === 0 ? undefined : await existingDataKey(key)
      const legacyContext = JSON.stringify([key.userId, key.sessionId])
      // A message that does not open is reported alone: the rest of the session still reads.
      return messages.map((message) => {
        const content = read(message.content, dataKey, messageContext(key, message), legacyContext)
        return content === undefined ? { ...message, content: '', status: 'unreadable' as const } : { ...message, content }
      })
    },
    // The whole flag (level, category, signals, time) is sealed into its `level` field: the inner
    // store keeps its columns, and what it holds tells nothing about the person.
    recordSafetyFlag: async (key, flag) => {
      const dataKey = await dataKeyFor(key)
      const sealed = sealWith(dataKey, JSON.stringify(flag), flagContext(key))
      await inner.recordSafetyFlag(key, { level: sealed, category: SEALED_FLAG_CATEGORY, signals: [], createdAt: '' } as unknown as SafetyFlag)
    },
    listSafetyFlags: async (key) => {
      const flags = await inner.listSafetyFlags(key)
      const dataKey = flags.length === 0 ? undefined : await existingDataKey(key)
      return flags.flatMap((flag) => {
        if (!flag.level.startsWith(SEALED)) return [flag] // recorded before flags were sealed
        const opened = read(flag.level, dataKey, flagContext(key), '')
        // One that does not open (its key destroyed) is left out: nothing in it can be known.
        return opened === undefined ? [] : [JSON.parse(opened) as SafetyFlag]
      })
    },
    getNoticeMarks: async (key) => {
      const marks = await inner.getNoticeMarks(key)
      const kinds = Object.keys(marks)
      if (kinds.length === 0) return marks
      const dataKey = await existingDataKey(key)
      const opened: Record<string, string> = {}
      for (const kind of kinds) {
        // Unreadable: counted as never shown, so it is shown again, which is the safe side.
        const at = read(marks[kind] as string, dataKey, noticeContext(key, kind), '')
        if (at !== undefined) opened[kind] = at
      }
      return opened
    },
    setNoticeMark: async (key, kind, at) => {
      const dataKey = await dataKeyFor(key)
      await inner.setNoticeMark(key, kind, sealWith(dataKey, at, noticeContext(key, kind)))
    }
  }
}

/**
 * Makes sure the configured keys (or their absence) fit what is stored: a wrong key is a clear boot
 * error rather than unreadable sessions, and so is a missing key when the store is encrypted.
 */
export async function checkEncryptionKey (store: SessionStore, ring: KeyRing | undefined, setting: string): Promise<void> {
  const check = await store.getMeta(CHECK_NAME)
  if (ring === undefined) {
    if (check !== undefined) throw new Error('env/STORE_ENCRYPTION_KEYS (or STORE_ENCRYPTION_KEY) must be set: the stored messages are encrypted')
    return
  }
  if (check === undefined || check.startsWith(LEGACY)) {
    if (check !== undefined && !ring.keys.some(master => opens(master, check))) throw wrongKey(setting)
    await store.setMeta(CHECK_NAME, ring.wrap(Buffer.from(CHECK_TEXT), CHECK_NAME))
    return
  }
  let opened: string | undefined
  try {
    opened = ring.unwrap(check, CHECK_NAME).toString('utf8')
  } catch {}
  if (opened !== CHECK_TEXT) throw wrongKey(setting)
}

function opens (master: Buffer, legacyCheck: string): boolean {
  try {
    return open(master, Buffer.from(legacyCheck.slice(LEGACY.length), 'base64'), CHECK_NAME).toString('utf8') === CHECK_TEXT
  } catch {
    return false
  }
}

function wrongKey (setting: string): Error {
  return new Error(`env/${setting} does not hold the key the stored messages were encrypted with`)
}

export interface RewrapReport {
  /** Data keys now wrapped by the newest master key that were not before. */
  rewrapped: number
  /** Messages an earlier version sealed with a master key itself, now sealed with their session's data key. */
  resealed: number
  /** Data keys, or such messages, that no configured master key could open (left as they are). */
  failed: number
}

/**
 * Re-seals what an earlier version sealed with a master key itself, then re-wraps every session's
 * data key (and the check value) with the ring's newest master key, so that older master keys can
 * then be removed. Other content is not touched: it stays sealed by its data key.
 */
export async function rewrapDataKeys (store: SessionStore, ring: KeyRing): Promise<RewrapReport> {
  const report: RewrapReport = { rewrapped: 0, resealed: 0, failed: 0 }
  const sealing = encryptedStore(store, ring)
  for (const key of await store.listSessions()) {
    const legacy = new Set((await store.listMessages(key)).filter(message => message.content.startsWith(LEGACY)).map(message => message.id))
    if (legacy.size === 0) continue
    for (const message of await sealing.listMessages(key)) {
      if (!legacy.has(message.id)) continue
      if (message.status === 'unreadable') {
        report.failed++
        continue
      }
      await sealing.updateMessage(key, message)
      report.resealed++
    }
  }
  for (const { key, wrapped } of await store.listDataKeys()) {
    if (ring.keyIdOf(wrapped) === ring.newestId) continue
    let dataKey: Buffer
    try {
      dataKey = ring.unwrap(wrapped, dataKeyContext(key))
    } catch {
      report.failed++
      continue
    }
    await store.replaceDataKey(key, ring.wrap(dataKey, dataKeyContext(key)))
    report.rewrapped++
  }
  const check = await store.getMeta(CHECK_NAME)
  if (check !== undefined && !check.startsWith(LEGACY) && ring.keyIdOf(check) !== ring.newestId) {
    await store.setMeta(CHECK_NAME, ring.wrap(ring.unwrap(check, CHECK_NAME), CHECK_NAME))
  }
  return report
}
