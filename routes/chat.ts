// POST /chat: one user message in, the reply streamed out as Server-Sent Events.
import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AgentError } from '../src/agent/errors.ts'
import type { TokenUsage } from '../src/agent/types.ts'
import { HISTORY_FETCH_LIMIT, toModelHistory } from '../src/chat/history.ts'
import { ChatRetries, chatAttempt, type RetryTarget } from '../src/chat/retries.ts'
import { ReplyRun } from '../src/chat/reply-run.ts'
import { ServerBusyError, SessionBusyError, ShuttingDownError, TooManyStreamsError } from '../src/errors.ts'
import { resourcesFor } from '../src/safety/resources.ts'
import { ErrorRef, EventStreamResponse, IdSchema } from '../src/schemas.ts'
import type { SessionKey, StoredMessage } from '../src/store/types.ts'

// A reply's session lock is refreshed this often, well inside the store's lock expiry.
const LOCK_REFRESH_MS = 20000

const ChatHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 300, description: 'A key per message (a structured-field string, "…", or bare): a retry with the same key and body gets the reply already started instead of storing the message again' })),
  'last-event-id': Type.Optional(Type.String({ maxLength: 100, description: "The id of the last event received: with the session's current reply named, the request is taken as a resume" }))
})

const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, agent, config, safety, replies, compliance } = app
  const metrics = app.telemetry.chat
  const provider = { provider: agent.provider }
  const openStreams = replies.streams
  const retries = new ChatRetries(replies.bus)
  app.addHook('onRequest', app.authenticate)

  const ChatRequestSchema = Type.Object({
    message: Type.String({ minLength: 1, maxLength: config.MAX_MESSAGE_CHARS, pattern: '\\S', description: `The user's message: at most ${config.MAX_MESSAGE_CHARS} characters (MAX_MESSAGE_CHARS); a longer one is answered 400 MESSAGE_TOO_LONG and not stored, so split it` }),
    sessionId: IdSchema,
    userId: Type.Optional(IdSchema),
    minor: Type.Optional(Type.Boolean({ description: 'The user is a minor (read only with authentication off; with it on, the token\'s claim decides): break reminders and the minors\' notices' }))
  })

  /** The `safety` and `notice` events that open this reply (the crisis resources first), recording what they show. */
  async function openingEvents (key: SessionKey, message: string, minor: boolean, log: FastifyBaseLogger) {
    const now = new Date()
    const leading: object[] = []
    const risk = safety.screen(message)
    let flagged
    if (risk.level !== 'none' && risk.category !== undefined) {
      const { level, category, signals } = risk
      await store.recordSafetyFlag(key, { level, category, signals, createdAt: now.toISOString() })
      await compliance.recordReferral(level, category, now)
      metrics.safetyFlags.inc({ level, category })
      // Counted in the logs (level, category and signal names; never the text) so operators see how often the protocol fires.
      log.warn({ safety: { level, category, signals } }, 'crisis protocol triggered')
      const safetyEvent = {
        safety: { level, category, message: safety.resources.message, resources: resourcesFor(safety.resources, category) }
      }
      leading.push(safetyEvent)
      flagged = { safetyEvent, crisis: { category, level } }
    }
    leading.push(...await compliance.noticesFor(key, message, minor, now))
    return { leading, ...flagged }
  }

  app.post('/chat', {
    bodyLimit: config.BODY_LIMIT_BYTES,
    config: { rateLimit: app.rateLimitPolicy },
    schema: {
      operationId: 'chat',
      tags: ['chat'],
      summary: 'Send a message; the reply streams back as Server-Sent Events',
      description: 'Stores the message and streams the reply as Server-Sent Events: the AI notice and crisis resources when due, the content, then one done or error event. Send an Idempotency-Key so that a retry follows the reply already started; a POST carrying the Last-Event-ID of the current reply is a resume. Errors before the stream are JSON.',
      body: ChatRequestSchema,
      headers: ChatHeadersSchema,
      security: [{}, { bearerAuth: [] }],
      response: { 200: EventStreamResponse, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 413: ErrorRef, 415: ErrorRef, 422: ErrorRef, 429: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    if (replies.draining) throw new ShuttingDownError()
    const key: SessionKey = { userId: app.userFor(request, request.body.userId), sessionId: request.body.sessionId }
    const attempt = chatAttempt(request.headers['idempotency-key'], request.headers['last-event-id'], request.body)
    const retried = await retries.find(key, attempt)
    if (retried !== undefined) return followRetried(reply, retried)
    const holder = app.clientKey(request)
    const opened = openStreams.tryOpen(holder)
    if (opened !== 'ok') {
      reply.header('Retry-After', '1')
      throw opened === 'server_full' ? new ServerBusyError() : new TooManyStreamsError()
    }
    const replyId = randomUUID()
    let locked = false
    let history, opening
    try {
      locked = await store.tryLockReply(key, replyId)
      if (!locked) throw new SessionBusyError()
      await store.appendMessage(key, newMessage('user', request.body.message, 'complete'))
      opening = await openingEvents(key, request.body.message, compliance.isMinor(request, request.body.minor), request.log)
      // The budget covers the whole request: the system prompt's share comes off first.
      history = toModelHistory(await store.listMessages(key, { limit: HISTORY_FETCH_LIMIT }), config.HISTORY_MAX_TOKENS - agent.promptTokens)
      await replies.bus.open(key, replyId, attempt.request)
    } catch (error) {
      if (locked) await store.unlockReply(key, replyId).catch(() => {})
      openStreams.close(holder)
      // A retry that raced the request it repeats: follow that one's reply rather than answer 409.
      const twin = error instanceof SessionBusyError && attempt.request !== undefined ? await retries.find(key, attempt, true) : undefined
      if (twin !== undefined) return followRetried(reply, twin)
      throw error
    }

    let firstTokenMs: number | undefined
    metrics.streamsOpen.inc()
    const keepLock = setInterval(() => { store.refreshReplyLock(key, replyId).catch(() => {}) }, LOCK_REFRESH_MS).unref()
    const crisis = opening.crisis
    let checkpointed = false
    const run = new ReplyRun({
      replyId,
      startReply: (signal) => agent.stream(history, { signal, crisis }),
      leading: opening.leading,
      safetyReminder: opening.safetyEvent,
      publish: (seq, payload, terminal) => replies.bus.publish(replyId, { seq, data: JSON.stringify(payload), terminal }),
      // Stored as interrupted until it ends: after a crash that is what it was.
      onCheckpoint: async (content) => {
        const partial = { ...newMessage('assistant', content, 'interrupted'), id: replyId }
        if (checkpointed) await store.updateMessage(key, partial)
        else await store.appendMessage(key, partial)
        checkpointed = true
      },
      onEnd: async ({ content, status, outcome, erased }) => {
        try {
          const final = { ...newMessage('assistant', content, status), id: replyId }
          // Erased mid-reply: erase again what the set-up may have written after the erasure.
          if (erased === true) await store.deleteSession(key)
          else if (checkpointed) await store.updateMessage(key, final)
          else await store.appendMessage(key, final)
        } finally {
          clearInterval(keepLock)
          await store.unlockReply(key, replyId).catch(() => {})
          openStreams.close(holder)
          // Timed from the request's arrival (reply.elapsedTime), as the client sees it.
          const durationMs = reply.elapsedTime
          metrics.streamsOpen.dec()
          metrics.streamDuration.observe({ ...provider, status }, durationMs / 1000)
          for (const [kind, count] of Object.entries(tokenCounts(outcome?.usage))) metrics.tokens.inc({ ...provider, kind }, count)
          // One line per chat: what answered and how it ended, never the text.
          request.log.info({
            provider: agent.provider,
            model: agent.model,
            status,
            stopReason: outcome?.stopReason,
            usage: outcome?.usage,
            ttftMs: firstTokenMs === undefined ? undefined : Math.round(firstTokenMs),
            durationMs: Math.round(durationMs)
          }, 'chat reply ended')
        }
      },
      onError: (error) => {
        if (error instanceof AgentError) metrics.modelErrors.inc({ ...provider, kind: error.kind })
        request.log.error({ err: error }, 'chat reply failed')
      },
      onFirstToken: () => {
        firstTokenMs = reply.elapsedTime
        metrics.timeToFirstToken.observe(provider, firstTokenMs / 1000)
      }
    })
    replies.registry.add(run)
    replies.stream(reply, replyId, -1)
    return reply
  })
}

/** A retried request gets the stream of the reply it started: what it missed, then live. */
function followRetried (reply: FastifyReply, target: RetryTarget): FastifyReply {
  // Nothing is left to send: an empty stream, which every SSE client takes as the end (a 204 would
  // make fetch-event-source's default `onopen` throw, and so retry).
  if (target.ended) return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache,no-transform').send('')
  reply.server.replies.stream(reply, target.replyId, target.afterSeq)
  return reply
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

export default chatRoutes
