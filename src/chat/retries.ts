// Retried chat requests: a POST /chat sent again (after a cut connection, by a client's own retry)
// follows the reply it already started instead of storing the message twice. A retry is known by
// its Idempotency-Key, or by a Last-Event-ID naming the session's current reply.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { IdempotencyKeyReusedError, InvalidIdempotencyKeyError } from '../errors.ts'
import { parseEventId } from '../reply-bus/event-id.ts'
import type { ReplyBus, ReplyRequest } from '../reply-bus/types.ts'
import type { SessionKey } from '../store/types.ts'

export interface ChatAttempt {
  request?: ReplyRequest
  lastEventId?: string
}

/** Where a retry picks its reply up: the events after `afterSeq`; `ended` when nothing is left. */
export interface RetryTarget {
  replyId: string
  afterSeq: number
  ended: boolean
}

// A structured-field string (RFC 8941: printable ASCII, `\"` and `\\` escaped), or that text bare.
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/
const BARE_KEY = /^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]+$/
const MAX_KEY_LENGTH = 255
// A twin of this request may hold the session's lock without its reply open yet: wait this long.
const TWIN_WAIT_MS = 2000
const TWIN_POLL_MS = 25

export function parseIdempotencyKey (header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const quoted = SF_STRING.exec(header.trim())
  const key = quoted !== null ? (quoted[1] as string).replace(/\\(["\\])/g, '$1') : header.trim()
  if (key === '' || key.length > MAX_KEY_LENGTH || (quoted === null && !BARE_KEY.test(key))) throw new InvalidIdempotencyKeyError()
  return key
}

/** The attempt as its headers describe it. */
export function chatAttempt (idempotencyKey: string | undefined, lastEventId: string | undefined, body: { message: string, sessionId: string, userId?: string }): ChatAttempt {
  const key = parseIdempotencyKey(idempotencyKey)
  if (key === undefined) return { lastEventId }
  const fingerprint = createHash('sha256').update(JSON.stringify([body.message, body.sessionId, body.userId ?? null])).digest('base64url')
  return { request: { idempotencyKey: key, fingerprint }, lastEventId }
}

export class ChatRetries {
  readonly #bus: ReplyBus

  constructor (bus: ReplyBus) {
    this.#bus = bus
  }

  /**
   * The reply this attempt already started, or undefined for a new request. Throws
   * IdempotencyKeyReusedError for a known key sent with another body. With `waitForTwin` (the
   * session is busy), a key not known yet is looked for a little longer: its twin may be starting.
   */
  async find (key: SessionKey, attempt: ChatAttempt, waitForTwin = false): Promise<RetryTarget | undefined> {
    const last = parseEventId(attempt.lastEventId)
    if (attempt.request !== undefined) {
      const deadline = Date.now() + TWIN_WAIT_MS
      for (;;) {
        const found = await this.#bus.findRequest(key, attempt.request.idempotencyKey)
        if (found === undefined && !waitForTwin) return undefined
        if (found !== undefined && found.fingerprint !== attempt.request.fingerprint) throw new IdempotencyKeyReusedError()
        const target = found === undefined ? undefined : await this.#target(found.replyId, last)
        if (target !== undefined) return target
        if (Date.now() >= deadline) {
          // Known but its events are gone: the request was answered; it must not be stored again.
          return found === undefined ? undefined : { replyId: found.replyId, afterSeq: -1, ended: true }
        }
        await sleep(TWIN_POLL_MS)
      }
    }
    // No key: a Last-Event-ID of the session's current reply is a retry of the request that started it.
    if (last === undefined || last.replyId !== await this.#bus.latestReply(key)) return undefined
    return await this.#target(last.replyId, last)
  }

  async #target (replyId: string, last: { replyId: string, seq: number } | undefined): Promise<RetryTarget | undefined> {
    const status = await this.#bus.status(replyId)
    if (status === undefined) return undefined
    const afterSeq = last?.replyId === replyId ? last.seq : -1
    return { replyId, afterSeq, ended: status.ended && afterSeq >= status.lastSeq }
  }
}
