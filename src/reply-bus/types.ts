// The log of a reply's events, kept apart from any HTTP connection so that a client can leave and
// come back (on any instance) and the reply goes on meanwhile.
import type { SessionKey } from '../store/types.ts'

export interface ReplyEvent {
  /** 0, 1, 2... within the reply; the SSE id is `<replyId>:<seq>`. */
  seq: number
  /** The event's JSON payload. */
  data: string
  /** The reply's last event (`done` or `error`). */
  terminal: boolean
}

/** A stop asked for by the user, or by the session's erasure (nothing of the reply is kept). */
export type StopRequest = 'stopped' | 'erased'

export interface ReplyStatus {
  ended: boolean
  /** The seq of the newest event, -1 before the first. */
  lastSeq: number
}

/** The request a reply answers, as its client's retries name it (the Idempotency-Key header). */
export interface ReplyRequest {
  idempotencyKey: string
  /** A digest of the request's body: the same key with another body is refused. */
  fingerprint: string
}

export interface ReplyBus {
  /**
   * Starts a reply's log and makes it the session's latest reply; with `request`, the reply is
   * also found by its idempotency key for as long as its log is kept.
   */
  open (key: SessionKey, replyId: string, request?: ReplyRequest): Promise<void>
  /** The reply answering the session's request with this idempotency key, while its log is kept. */
  findRequest (key: SessionKey, idempotencyKey: string): Promise<{ replyId: string, fingerprint: string } | undefined>
  /** Records an event and wakes its readers at once; copies elsewhere (Redis) are best effort. */
  publish (replyId: string, event: ReplyEvent): void
  latestReply (key: SessionKey): Promise<string | undefined>
  /** undefined once the reply's log has expired (or never was). */
  status (replyId: string): Promise<ReplyStatus | undefined>
  /**
   * The events after `afterSeq`, then live ones, until the terminal event or the signal; in batches
   * of whatever is ready at once, so that a burst of tokens costs one write, not one each.
   */
  follow (replyId: string, afterSeq: number, signal: AbortSignal): AsyncIterable<ReplyEvent[]>
  /** Counts a client reading the reply; call the returned function when it leaves. */
  attach (replyId: string): () => void
  /** Whether any client, on any instance, is reading the reply. */
  hasListeners (replyId: string): Promise<boolean>
  /** Asks whichever instance runs the reply to stop it. */
  requestStop (replyId: string): Promise<void>
  /**
   * Erases a session's replies everywhere: stops `runningReplyId` (as erased, on whichever instance
   * runs it), drops the session's latest reply and every copy of its events, and ends its readers.
   */
  erase (key: SessionKey, runningReplyId: string | undefined): Promise<void>
  onStop (handler: (replyId: string, cause: StopRequest) => void): void
  close (): Promise<void>
}
