// A reply's events as SSE messages for one client, with `: ping` comments while it waits.
// fastify-sse-v2 crashes the process on an error thrown here, so this generator never throws.
import type { ReplyEvent } from '../streams/types.ts'
import { KeepAlive, PING } from './keep-alive.ts'

export interface SseMessage {
  id?: string
  data?: string
  comment?: string
}

export async function * sseMessages (replyId: string, events: AsyncIterable<ReplyEvent>, keepAliveMs: number): AsyncGenerator<SseMessage, void, undefined> {
  const iterator = events[Symbol.asyncIterator]()
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
      yield { id: `${replyId}:${step.value.seq}`, data: step.value.data }
      if (step.value.terminal) return
      pending = iterator.next()
    }
  } catch {
    // The event source failed (Redis gone mid-resume): end this client's stream; it may resume again.
  } finally {
    keepAlive.stop()
    iterator.return?.().catch(() => {})
  }
}
