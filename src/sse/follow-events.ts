// A reply's events as SSE messages for one client, with `: ping` comments while it waits.
// fastify-sse-v2 crashes the process on an error thrown here, so this generator never throws.
import type { ReplyEvent } from '../streams/types.ts'
import { KeepAlive, PING } from './keep-alive.ts'

export interface SseMessage {
  id?: string
  data?: string
  comment?: string
}

/**
 * Several events ready at once, as one message: fastify-sse-v2 writes `:<comment>\n\n` as it is,
 * so a comment that starts with a newline carries whole serialized events after an empty comment
 * line. Safe because every field is ours: ids are `<uuid>:<n>`, data is JSON (no raw newlines).
 */
function batchMessage (replyId: string, events: ReplyEvent[]): SseMessage {
  const serialized = events.map(event => `id: ${replyId}:${event.seq}\ndata: ${event.data}\n\n`).join('')
  return { comment: `\n${serialized.slice(0, -2)}` }
}

export async function * sseMessages (replyId: string, batches: AsyncIterable<ReplyEvent[]>, keepAliveMs: number): AsyncGenerator<SseMessage, void, undefined> {
  const iterator = batches[Symbol.asyncIterator]()
  const keepAlive = new KeepAlive(keepAliveMs)
  try {
    let pending = iterator.next()
    for (;;) {
      const step = await Promise.race([pending, keepAlive.tick])
      if (step === PING) {
        keepAlive.rearm()
        yield { comment: ' ping' }
        continue
      }
      if (step.done === true) return
      const events = step.value
      const only = events.length === 1 ? events[0] : undefined
      yield only !== undefined ? { id: `${replyId}:${only.seq}`, data: only.data } : batchMessage(replyId, events)
      if (events.at(-1)?.terminal === true) return
      pending = iterator.next()
    }
  } catch {
    // The event source failed (Redis gone mid-resume): end this client's stream; it may resume again.
  } finally {
    keepAlive.stop()
    iterator.return?.().catch(() => {})
  }
}
