// Wraps any store so that message content is encrypted before it is written and opened when read.
import type { ContentCipher } from './content-cipher.ts'
import type { SessionKey, SessionStore } from './types.ts'

const CHECK_NAME = 'encryption-check'
const CHECK_TEXT = 'therapybot encryption check'

const contextOf = (key: SessionKey): string => JSON.stringify([key.userId, key.sessionId])

export function encryptedStore (inner: SessionStore, cipher: ContentCipher): SessionStore {
  return {
    ...inner,
    appendMessage: (key, message) => inner.appendMessage(key, { ...message, content: cipher.encrypt(message.content, contextOf(key)) }),
    listMessages: async (key, options) => (await inner.listMessages(key, options))
      .map(message => ({ ...message, content: cipher.decrypt(message.content, contextOf(key)) }))
  }
}

/**
 * Makes sure the configured key (or its absence) fits what is stored: a wrong key is a clear boot
 * error rather than garbage, and so is a missing key when the messages are encrypted.
 */
export async function checkEncryptionKey (store: SessionStore, cipher: ContentCipher | undefined): Promise<void> {
  const check = await store.getMeta(CHECK_NAME)
  if (cipher === undefined) {
    if (check !== undefined) throw new Error('env/STORE_ENCRYPTION_KEY must be set: the stored messages are encrypted')
    return
  }
  if (check === undefined) {
    await store.setMeta(CHECK_NAME, cipher.encrypt(CHECK_TEXT, CHECK_NAME))
    return
  }
  let opened: string | undefined
  try {
    opened = cipher.decrypt(check, CHECK_NAME)
  } catch {}
  if (opened !== CHECK_TEXT) throw new Error('env/STORE_ENCRYPTION_KEY is not the key the stored messages were encrypted with')
}
