// AES-256-GCM for message content at rest. Each value carries its own IV and tag, and is bound to
// its session (additional authenticated data), so a value copied into another session fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const PREFIX = 'enc:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

export interface ContentCipher {
  encrypt (text: string, context: string): string
  /** Plain values (stored before encryption was turned on) pass through unchanged. */
  decrypt (value: string, context: string): string
}

export function isEncrypted (value: string): boolean {
  return value.startsWith(PREFIX)
}

export function createContentCipher (keyBase64: string): ContentCipher {
  const key = Buffer.from(keyBase64, 'base64')
  if (key.length !== 32 || key.toString('base64') !== keyBase64.trim()) {
    throw new Error('env/STORE_ENCRYPTION_KEY must be 32 random bytes, base64-encoded (openssl rand -base64 32)')
  }
  return {
    encrypt (text, context) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
    },
    decrypt (value, context) {
      if (!isEncrypted(value)) return value
      const raw = Buffer.from(value.slice(PREFIX.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    }
  }
}
