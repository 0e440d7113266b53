// The chat use case, behind the store, reply bus and agent interfaces: a user message in, a cursor
// on the reply's events out (which the caller streams to the client); resuming, stopping and
// erasing a session's reply; reading its history. Knows nothing of HTTP.
import { randomUUID } from 'node:crypto'
import { AgentError } from '../agent/errors.ts'
import type { Agent, TokenUsage } from '../agent/types.ts'
import type { Compliance } from '../compliance/compliance.ts'
import type { CrisisHandoff } from '../handoff/handoff.ts'
import { parseEventId } from '../reply-bus/event-id.ts'
import type { ReplyBus, ReplyStatus } from '../reply-bus/types.ts'
import type { SafetyFlag, SessionKey, SessionStore, StoredMessage } from '../store/types.ts'
import type { ChatMetrics } from '../telemetry/chat-metrics.ts'
import type { Log } from '../telemetry/log.ts'
import { ModelHealth } from '../telemetry/model-health.ts'
import { ReplyNotFoundError, ServerBusyError, SessionBusyError, SessionNotFoundError, ShuttingDownError, TooManyStreamsError, UnknownCursorError } from '../errors.ts'
import { HISTORY_FETCH_LIMIT, toModelHistory } from './history.ts'
import { openingEvents, type SafetyCheck } from './opening-events.ts'
import type { ReplyRegistry } from './reply-registry.ts'
import { ReplyRun, type ReplyEnd } from './reply-run.ts'
import { ChatRetries, type ChatAttempt } from './retries.ts'
import type { StreamCounter } from './stream-counter.ts'

// A reply's session lock is refreshed this often, well inside the store's lock expiry.
const LOCK_REFRESH_MS = 20000

/** Where a client picks a reply up: the events after `afterSeq`; `ended` when nothing is left. */
export interface ReplyCursor {
  replyId: string
  afterSeq: number
  ended: boolean
}

export interface SessionHistory {
  messages: StoredMessage[]
  /** The `before` of the page of older messages; undefined on the oldest page. */
  nextBefore?: string
  safetyFlags: SafetyFlag[]
}

export interface ConversationOptions {
  store: SessionStore
  agent: Agent
  bus: ReplyBus
  registry: ReplyRegistry
  /** The open-stream caps: a chat counts while its reply runs, a resume while its client reads. */
  streams: StreamCounter
  safety: SafetyCheck
  compliance: Pick<Compliance, 'noticesFor' | 'recordReferral'>
  /** Hands crisis flags to the operator's people, when configured. */
  handoff?: Pick<CrisisHandoff, 'record'>
  metrics: ChatMetrics
  /** The history budget for a whole model request, the system prompt included. */
  historyMaxTokens: number
  /** True once shutdown has begun: no new reply starts. */
  isDraining: () => boolean
}

export interface UserMessage {
  key: SessionKey
  text: string
  minor: boolean
  /** Whose stream cap the reply counts against (a token subject, or an address when anonymous). */
  holder: string
  /** The request's Idempotency-Key and Last-Event-ID: a retry follows the reply it started. */
  attempt: ChatAttempt
  log: Log
  /** Milliseconds since the request arrived, as the client sees its wait. */
  elapsedMs: () => number
}

export interface ResumedReply {
  cursor: ReplyCursor
  /** Frees the stream cap the resume holds: call it when its client's connection closes. */
  release: () => void
}

export class Conversation {
  /** Whether the model answers the replies this instance asks of it (readiness reports it). */
  readonly modelHealth = new ModelHealth()
  readonly #options: ConversationOptions
  readonly #retries: ChatRetries

  constructor (options: ConversationOptions) {
    this.#options = options
    this.#retries = new ChatRetries(options.bus)
  }

  /**
   * Stores the user's message and starts the reply (or finds the reply a retry of it started).
   * Throws, storing nothing, when the session is busy or a stream cap is full.
   */
  async send (message: UserMessage): Promise<ReplyCursor> {
    const { store, agent, bus, streams } = this.#options
    if (this.#options.isDraining()) throw new ShuttingDownError()
    const { key, attempt, holder } = message
    const retried = await this.#retries.find(key, attempt)
    if (retried !== undefined) return retried
    this.#openStream(holder)
    const replyId = randomUUID()
    let locked = false
    let history, opening
    try {
      locked = await store.tryLockReply(key, replyId)
      if (!locked) throw new SessionBusyError()
      await store.appendMessage(key, newMessage('user', message.text, 'complete'))
      // Read once: the history, and when the session was last used (the notices).
      const newest = await store.listMessages(key, { limit: HISTORY_FETCH_LIMIT })
      opening = await openingEvents(this.#options, key, message.text, message.minor, message.log, newest)
      // The budget covers the whole request: the system prompt's share comes off first.
      history = toModelHistory(newest, this.#options.historyMaxTokens - agent.promptTokens)
      await bus.open(key, replyId, attempt.request)
    } catch (error) {
      if (locked) await store.unlockReply(key, replyId).catch(() => {})
      streams.close(holder)
      // A retry that raced the request it repeats: follow that one's reply rather than answer busy.
      const twin = error instanceof SessionBusyError && attempt.request !== undefined ? await this.#retries.find(key, attempt, true) : undefined
      if (twin !== undefined) return twin
      throw error
    }
    this.#startReply(message, replyId, history, opening)
    return { replyId, afterSeq: -1, ended: false }
  }

  /** The session's latest reply after the client's last event id; throws ReplyNotFoundError when there is none. */
  async resume (key: SessionKey, lastEventId: string | undefined, holder: string): Promise<ResumedReply> {
    const latest = await this.#latestReply(key)
    if (latest === undefined) throw new ReplyNotFoundError()
    const { replyId, status } = latest
    const last = parseEventId(lastEventId)
    // An id from an older reply means the client missed all of this one.
    const afterSeq = last?.replyId === replyId ? last.seq : -1
    const ended = status.ended && afterSeq >= status.lastSeq
    if (ended) return { cursor: { replyId, afterSeq, ended }, release: () => {} }
    return this.#follow(replyId, afterSeq, holder)
  }

  /** The session's latest reply from its first event, while it still streams; undefined when none does. */
  async resumeStreaming (key: SessionKey, holder: string): Promise<ResumedReply | undefined> {
    const latest = await this.#latestReply(key)
    if (latest === undefined || latest.status.ended) return undefined
    return this.#follow(latest.replyId, -1, holder)
  }

  /**
   * A page of the session's messages, oldest first (at most `limit` of those older than the message
   * `before`), with when the crisis protocol fired. Another user's session is not found, as one that
   * does not exist.
   */
  async history (key: SessionKey, page: { limit?: number, before?: string }): Promise<SessionHistory> {
    const { store } = this.#options
    // Paged here, from the whole session: the stores read a session at once.
    const messages = await store.listMessages(key)
    if (messages.length === 0) throw new SessionNotFoundError()
    const end = page.before === undefined ? messages.length : messages.findIndex(message => message.id === page.before)
    if (end === -1) throw new UnknownCursorError()
    const start = page.limit === undefined ? 0 : Math.max(0, end - page.limit)
    return {
      messages: messages.slice(start, end),
      nextBefore: start > 0 ? messages[start]?.id : undefined,
      safetyFlags: await store.listSafetyFlags(key)
    }
  }

  /** Stops the reply streaming for the session (on whichever instance runs it); its partial text is stored. */
  async stop (key: SessionKey): Promise<void> {
    const replyId = await this.#options.store.getReplyLock(key)
    if (replyId !== undefined) await this.#options.bus.requestStop(replyId)
  }

  /** Erases the session: the reply streaming now (if any) is stopped and nothing of it is stored; then the rest goes. */
  async erase (key: SessionKey): Promise<void> {
    const { store, bus } = this.#options
    await bus.erase(key, await store.getReplyLock(key))
    await store.deleteSession(key)
  }

  async #latestReply (key: SessionKey): Promise<{ replyId: string, status: ReplyStatus } | undefined> {
    const { bus } = this.#options
    const replyId = await bus.latestReply(key)
    const status = replyId === undefined ? undefined : await bus.status(replyId)
    return replyId === undefined || status === undefined ? undefined : { replyId, status }
  }

  #follow (replyId: string, afterSeq: number, holder: string): ResumedReply {
    // A resume holds a stream as a chat does, under the same caps.
    this.#openStream(holder)
    return { cursor: { replyId, afterSeq, ended: false }, release: () => this.#options.streams.close(holder) }
  }

  #openStream (holder: string): void {
    const opened = this.#options.streams.tryOpen(holder)
    if (opened === 'server_full') throw new ServerBusyError()
    if (opened === 'holder_full') throw new TooManyStreamsError()
  }

  #startReply (message: UserMessage, replyId: string, history: ReturnType<typeof toModelHistory>, opening: Awaited<ReturnType<typeof openingEvents>>): void {
    const { store, agent, bus, registry, metrics } = this.#options
    const { key, log } = message
    const provider = { provider: agent.provider }
    let firstTokenMs: number | undefined
    let checkpointed = false
    metrics.streamsOpen.inc()
    const keepLock = setInterval(() => { store.refreshReplyLock(key, replyId).catch(() => {}) }, LOCK_REFRESH_MS).unref()
    const crisis = opening.crisis
    const run = new ReplyRun({
      replyId,
      startReply: (signal) => agent.stream(history, { signal, crisis }),
      leading: opening.leading,
      safetyReminder: opening.safetyEvent,
      publish: (seq, payload, terminal) => bus.publish(replyId, { seq, data: JSON.stringify(payload), terminal }),
      // Stored as interrupted until it ends: after a crash that is what it was.
      onCheckpoint: async (content) => {
        const partial = { ...newMessage('assistant', content, 'interrupted'), id: replyId }
        if (checkpointed) await store.updateMessage(key, partial)
        else await store.appendMessage(key, partial)
        checkpointed = true
      },
      onEnd: async (end) => {
        try {
          const final = { ...newMessage('assistant', end.content, end.status), id: replyId }
          // Erased mid-reply: erase again what the set-up may have written after the erasure.
          if (end.erased === true) await store.deleteSession(key)
          else if (checkpointed) await store.updateMessage(key, final)
          else await store.appendMessage(key, final)
        } finally {
          clearInterval(keepLock)
          await store.unlockReply(key, replyId).catch(() => {})
          this.#options.streams.close(message.holder)
          this.#recordEnd(message, end, firstTokenMs)
        }
      },
      onError: (error) => {
        if (error instanceof AgentError) {
          metrics.modelErrors.inc({ ...provider, kind: error.kind })
          this.modelHealth.failed()
        }
        log.error({ err: error }, 'chat reply failed')
      },
      onFirstToken: () => {
        firstTokenMs = message.elapsedMs()
        metrics.timeToFirstToken.observe(provider, firstTokenMs / 1000)
      }
    })
    registry.add(run)
  }

  /** The metrics and the one log line of an ended reply: what answered and how it ended, never the text. */
  #recordEnd (message: UserMessage, { status, outcome }: ReplyEnd, firstTokenMs: number | undefined): void {
    const { agent, metrics } = this.#options
    const provider = { provider: agent.provider }
    const durationMs = message.elapsedMs()
    if (outcome?.fallback === true) this.modelHealth.failed()
    else if (outcome !== undefined) this.modelHealth.answered()
    metrics.streamsOpen.dec()
    metrics.streamDuration.observe({ ...provider, status }, durationMs / 1000)
    for (const [kind, count] of Object.entries(tokenCounts(outcome?.usage))) metrics.tokens.inc({ ...provider, kind }, count)
    message.log.info({
      provider: agent.provider,
      model: agent.model,
      status,
      stopReason: outcome?.stopReason,
      usage: outcome?.usage,
      ttftMs: firstTokenMs === undefined ? undefined : Math.round(firstTokenMs),
      durationMs: Math.round(durationMs)
    }, 'chat reply ended')
  }
}

/** Token counts by metric kind; cache counts only when the provider reports them. */
function tokenCounts (usage: TokenUsage | undefined): Record<string, number> {
  if (usage === undefined) return {}
  return {
    input: usage.inputTokens,
    output: usage.outputTokens,
    ...(usage.cacheReadTokens !== undefined ? { cache_read: usage.cacheReadTokens } : {}),
    ...(usage.cacheWriteTokens !== undefined ? { cache_write: usage.cacheWriteTokens } : {})
  }
}

function newMessage (role: StoredMessage['role'], content: string, status: StoredMessage['status']): StoredMessage {
  return { id: randomUUID(), role, content, status, createdAt: new Date().toISOString() }
}
