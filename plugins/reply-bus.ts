// Provides `app.replyBus`: the replies this process generates, the bus that carries their events to
// clients (in process, or through Redis), the resume window, and the drain on shutdown.
import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import { ReplyRegistry } from '../src/chat/reply-registry.ts'
import { StreamCounter } from '../src/chat/stream-counter.ts'
import { LocalReplyBus } from '../src/reply-bus/local-bus.ts'
import { RedisReplyBus } from '../src/reply-bus/redis-bus.ts'
import { ReplyEventSealer } from '../src/reply-bus/sealed-events.ts'
import { keyRingFromSettings } from '../src/store/key-ring.ts'
import type { ReplyBus, ReplyEvent } from '../src/reply-bus/types.ts'

/** One client reading a reply's events. */
export interface Follower {
  events: AsyncIterable<ReplyEvent[]>
  /** The client's connection closed; `finished` when it had received the reply's end. */
  leave: (finished: boolean) => void
}

export interface ReplyBusDecorator {
  bus: ReplyBus
  registry: ReplyRegistry
  /** Open streams per client and in all (MAX_STREAMS_PER_USER, MAX_STREAMS). */
  streams: StreamCounter
  /** True from the moment shutdown begins: readiness is 503 and new chats are refused. */
  draining: boolean
  /** A client follows a reply's events after `afterSeq`, live to its end. */
  follow: (replyId: string, afterSeq: number) => Follower
  /** Lets open replies finish within SHUTDOWN_GRACE_MS, then stops and stores the rest. */
  drain: () => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    replyBus: ReplyBusDecorator
  }
}

// An ended reply can still be resumed for the resume window (at least this long), from memory or Redis.
const MIN_RETAIN_MS = 10000
// After the replies end, how long the drain waits for their last events to reach the clients.
const FLUSH_MS = 2000
const MAX_REPLY_MS = 30 * 60 * 1000
const CLIENT_LEFT = 'client left'

export default fp(async function replyBusPlugin (app) {
  const { config } = app
  const retainMs = Math.max(config.STREAM_RESUME_WINDOW_MS, MIN_RETAIN_MS)
  const registry = new ReplyRegistry()
  // Followers still connected: the drain lets them receive the last events.
  const connected = new Set<Promise<void>>()
  const encryption = keyRingFromSettings(config)
  const bus: ReplyBus = app.redis === null
    ? new LocalReplyBus(retainMs)
    : new RedisReplyBus(app.redis, {
      retainMs,
      maxReplyMs: MAX_REPLY_MS,
      onError: (error) => app.log.warn({ err: error }, 'reply bus error'),
      sealer: encryption === undefined ? undefined : new ReplyEventSealer(encryption.ring)
    })
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

  /** Stops what still runs after `graceMs` and stores it, then lets clients receive the last events. */
  async function drain (graceMs: number): Promise<void> {
    decorator.draining = true
    await registry.drain(graceMs, 'shutdown')
    await Promise.race([Promise.allSettled(connected), sleep(FLUSH_MS, undefined, { ref: false })])
  }

  const decorator: ReplyBusDecorator = {
    bus,
    registry,
    streams: new StreamCounter(config.MAX_STREAMS_PER_USER, config.MAX_STREAMS),
    draining: false,
    follow (replyId, afterSeq) {
      let left!: () => void
      const connection = new Promise<void>(resolve => { left = resolve })
      connected.add(connection)
      const detach = bus.attach(replyId)
      const leaving = new AbortController()
      return {
        events: bus.follow(replyId, afterSeq, leaving.signal),
        leave (finished) {
          leaving.abort(CLIENT_LEFT) // a reason of our own: abort() alone builds a DOMException, stack and all
          detach()
          connected.delete(connection)
          left()
          if (!finished) clientLeft(replyId)
        }
      }
    },
    drain: () => drain(config.SHUTDOWN_GRACE_MS)
  }
  app.decorate('replyBus', decorator)
  // Before the store closes: stop what still runs and store it.
  app.addHook('preClose', () => drain(0))
  app.addHook('onClose', async () => { await bus.close() })
}, { name: 'reply-bus', dependencies: ['config', 'redis'] })
