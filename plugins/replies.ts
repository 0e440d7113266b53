// Provides `app.replies`: the replies this process generates, the bus that carries their events to
// clients (in process, or through Redis), the resume window, stop requests and the drain on shutdown.
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'
import { ReplyRegistry } from '../src/chat/reply-registry.ts'
import { StreamCounter } from '../src/chat/stream-counter.ts'
import { LocalReplyBus } from '../src/streams/local-bus.ts'
import { RedisReplyBus } from '../src/streams/redis-bus.ts'
import type { ReplyBus } from '../src/streams/types.ts'
import { SseMessages } from '../src/sse/follow-events.ts'
import { PingTicker } from '../src/sse/keep-alive.ts'

export interface Replies {
  bus: ReplyBus
  registry: ReplyRegistry
  /** Open streams per client and in all (MAX_STREAMS_PER_USER, MAX_STREAMS). */
  streams: StreamCounter
  /** True from the moment shutdown begins: readiness is 503 and new chats are refused. */
  draining: boolean
  /** Streams a reply's events after `afterSeq` to this client, following it live to its end. */
  stream: (reply: FastifyReply, replyId: string, afterSeq: number) => void
  /** Lets open replies finish within SHUTDOWN_GRACE_MS, then stops and stores the rest. */
  drain: () => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    replies: Replies
  }
}

// An ended reply can still be resumed for the resume window (at least this long), from memory or Redis.
const MIN_RETAIN_MS = 10000
// After the replies end, how long the drain waits for their last events to reach the clients.
const FLUSH_MS = 2000
const MAX_REPLY_MS = 30 * 60 * 1000
const CLIENT_LEFT = 'client left'

/**
 * Writes to the response for the rest of this event-loop turn leave as one: the SSE plumbing
 * (fastify-sse-v2, it-to-stream, pipe) otherwise writes what it is handed a piece at a time, one
 * system call each.
 */
function holdWrites (response: ServerResponse): void {
  response.cork()
  setImmediate(() => response.uncork())
}

export default fp(async function repliesPlugin (app) {
  const { config } = app
  const retainMs = Math.max(config.STREAM_RESUME_WINDOW_MS, MIN_RETAIN_MS)
  const registry = new ReplyRegistry()
  const openStreams = new Set<Promise<unknown>>()
  const pings = new PingTicker(config.SSE_KEEPALIVE_MS)
  const bus: ReplyBus = app.redis === null
    ? new LocalReplyBus(retainMs)
    : new RedisReplyBus(app.redis, { retainMs, maxReplyMs: MAX_REPLY_MS, onError: (error) => app.log.warn({ err: error }, 'reply bus error') })
  bus.onStop((replyId, cause) => {
    if (cause === 'erased') registry.erase(replyId)
    else registry.get(replyId)?.stop('stopped')
  })

  /** A client left: unless one comes back (on any instance) within the window, stop the reply. */
  function clientLeft (replyId: string): void {
    const run = registry.get(replyId)
    if (run === undefined) return // runs elsewhere; its own instance watches its listeners
    const check = async (): Promise<void> => {
      if (run.stopped || registry.get(replyId) === undefined) return
      if (!await bus.hasListeners(replyId)) run.stop('client_gone')
      else if (config.STREAM_RESUME_WINDOW_MS > 0) setTimeout(check, config.STREAM_RESUME_WINDOW_MS).unref()
    }
    if (config.STREAM_RESUME_WINDOW_MS === 0) void check()
    else setTimeout(check, config.STREAM_RESUME_WINDOW_MS).unref()
  }

  /** Ended replies: let their clients receive the last events before the server closes. */
  async function flushStreams (): Promise<void> {
    await Promise.race([Promise.allSettled(openStreams), sleep(FLUSH_MS, undefined, { ref: false })])
  }

  const replies: Replies = {
    bus,
    registry,
    streams: new StreamCounter(config.MAX_STREAMS_PER_USER, config.MAX_STREAMS),
    draining: false,
    stream (reply, replyId, afterSeq) {
      const closed = once(reply.raw, 'close')
      openStreams.add(closed)
      void closed.finally(() => openStreams.delete(closed))
      const detach = bus.attach(replyId)
      const left = new AbortController()
      // The last event and the end of the response, written together.
      const messages = new SseMessages(replyId, bus.follow(replyId, afterSeq, left.signal), () => holdWrites(reply.raw))
      const stopPings = pings.add(messages)
      // fastify-sse-v2 never tells the iterator that the client left: end it ourselves.
      reply.raw.on('close', () => {
        const finished = reply.raw.writableFinished
        stopPings()
        left.abort(CLIENT_LEFT) // a reason of our own: abort() alone builds a DOMException, stack and all
        void messages.return()
        detach()
        if (!finished) clientLeft(replyId)
      })
      // The stream is hijacked: every header must be set before it starts (CORS is already set).
      reply.header('X-Accel-Buffering', 'no')
      // fastify-sse-v2 writes the head at once: with the events already there, in one write.
      holdWrites(reply.raw)
      reply.sse(messages)
    },
    async drain () {
      replies.draining = true
      await registry.drain(config.SHUTDOWN_GRACE_MS, 'shutdown')
      await flushStreams()
    }
  }
  app.decorate('replies', replies)
  // Before the store closes: stop what still runs and store it.
  app.addHook('preClose', async () => {
    replies.draining = true
    await registry.drain(0, 'shutdown')
    await flushStreams()
  })
  app.addHook('onClose', async () => {
    pings.stop()
    await bus.close()
  })
}, { name: 'replies', dependencies: ['config', 'redis'] })
