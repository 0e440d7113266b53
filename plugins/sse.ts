// fastify-sse-v2, and `reply.streamReply(cursor)`: a reply's events streamed to this client as
// Server-Sent Events (the service's own events, or the AI SDK's UI message stream), with `: ping`
// keep-alive comments and each turn's writes sent as one.
import type { ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'
import { FastifySSEPlugin } from 'fastify-sse-v2'
import type { ReplyCursor } from '../src/chat/conversation.ts'
import { SseMessages } from '../src/sse/follow-events.ts'
import { PingTicker } from '../src/sse/keep-alive.ts'
import { UI_MESSAGE_STREAM_HEADER, UI_MESSAGE_STREAM_VERSION, uiMessageFormat } from '../src/sse/ui-message-stream.ts'

export interface StreamReplyOptions {
  /** Called when the connection closes. */
  onClose?: () => void
  /** `events`: the service's own events (the default); `ui-message`: the AI SDK's UI message stream. */
  format?: 'events' | 'ui-message'
}

declare module 'fastify' {
  interface FastifyReply {
    /** Streams the reply's events after the cursor, live to its end. */
    streamReply: (cursor: ReplyCursor, options?: StreamReplyOptions) => FastifyReply
  }
}

/**
 * Writes to the response for the rest of this event-loop turn leave as one: the SSE plumbing
 * (fastify-sse-v2, it-to-stream, pipe) otherwise writes what it is handed a piece at a time, one
 * system call each.
 */
function holdWrites (response: ServerResponse): void {
  response.cork()
  setImmediate(() => response.uncork())
}

export default fp(async function ssePlugin (app) {
  // No `retry:` line: clients resume by event id.
  await app.register(FastifySSEPlugin, { retryDelay: false })
  const pings = new PingTicker(app.config.SSE_KEEPALIVE_MS)
  app.addHook('onClose', async () => pings.stop())

  app.decorateReply('streamReply', function streamReply (this: FastifyReply, cursor: ReplyCursor, { onClose, format = 'events' }: StreamReplyOptions = {}) {
    const response = this.raw
    const uiMessages = format === 'ui-message'
    if (uiMessages) this.header(UI_MESSAGE_STREAM_HEADER, UI_MESSAGE_STREAM_VERSION)
    // Nothing is left to send: an empty stream, which every SSE client takes as the end (a 204 would
    // make fetch-event-source's default `onopen` throw, and so retry).
    if (cursor.ended) {
      onClose?.()
      return this.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache,no-transform').send('')
    }
    const follower = app.replyBus.follow(cursor.replyId, cursor.afterSeq)
    // The last event and the end of the response, written together.
    const messages = new SseMessages(cursor.replyId, follower.events, () => holdWrites(response), uiMessages ? uiMessageFormat(cursor.replyId) : undefined)
    const stopPings = pings.add(messages)
    // fastify-sse-v2 never tells the iterator that the client left: end it ourselves.
    response.on('close', () => {
      const finished = response.writableFinished
      stopPings()
      follower.leave(finished)
      void messages.return()
      onClose?.()
    })
    // The stream is hijacked: every header must be set before it starts (CORS is already set).
    this.header('X-Accel-Buffering', 'no')
    // fastify-sse-v2 writes the head at once: with the events already there, in one write.
    holdWrites(response)
    this.sse(messages)
    return this
  })
}, { name: 'sse', dependencies: ['config', 'reply-bus'] })
