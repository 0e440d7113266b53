// Turns a model reply into the chat's SSE events: content, pings, then exactly one `done` or `error`.
// fastify-sse-v2 crashes the process on an error thrown here, so this generator never throws.
import { describeAgentFailure } from '../agent/errors.ts'
import type { AgentOutcome, AgentReply } from '../agent/types.ts'
import type { MessageStatus } from '../store/types.ts'
import { KeepAlive, PING } from './keep-alive.ts'

export interface SseEvent {
  id?: string
  data?: string
  comment?: string
}

export interface ReplyEnd {
  content: string
  status: MessageStatus
  outcome?: AgentOutcome
}

export interface ChatEventsOptions {
  /** The assistant message's id; event ids are `<replyId>:<sequence>`. */
  replyId: string
  reply: AgentReply
  /** Events sent before the reply: the AI notice, the safety event. */
  leading?: object[]
  /** Re-sent when a flagged reply fails or the model refuses, so the stream still ends with the resources. */
  safetyReminder?: object
  keepAliveMs: number
  /** Aborted when the client has gone: the reply ends as `interrupted`, with nothing more sent. */
  signal: AbortSignal
  /** Stores the reply and frees the session. Runs once, before the final event is sent. */
  onEnd: (end: ReplyEnd) => Promise<void>
  /** Told of a failed reply or store, for the logs. */
  onError: (error: unknown) => void
}

export async function * chatEvents (options: ChatEventsOptions): AsyncGenerator<SseEvent, void, undefined> {
  const { replyId, reply, signal } = options
  let sequence = 0
  const event = (payload: object): SseEvent => ({ id: `${replyId}:${sequence++}`, data: JSON.stringify(payload) })
  const keepAlive = new KeepAlive(options.keepAliveMs)
  let content = ''
  let ended = false

  async function end (status: MessageStatus, outcome?: AgentOutcome): Promise<boolean> {
    ended = true
    try {
      await options.onEnd({ content, status, outcome })
      return true
    } catch (error) {
      options.onError(error)
      return false
    }
  }

  // A provider that ignores the signal must still not hold the stream open.
  const aborted = new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  aborted.catch(() => {})

  try {
    for (const payload of options.leading ?? []) yield event(payload)
    let pending = reply.next()
    for (;;) {
      const step = await Promise.race([pending, keepAlive.tick, aborted])
      if (step === PING) {
        keepAlive.rearm()
        yield { comment: ' ping' }
        continue
      }
      if (step.done === true) {
        const stored = await end('complete', step.value)
        if (step.value.stopReason === 'refusal' && options.safetyReminder !== undefined) yield event(options.safetyReminder)
        if (stored) {
          yield event({ done: true, messageId: replyId, stopReason: step.value.stopReason, usage: step.value.usage })
        } else {
          yield event({ error: 'The reply could not be saved, please try again', code: 'STORE_UNAVAILABLE' })
        }
        return
      }
      content += step.value
      yield event({ content: step.value })
      pending = reply.next()
    }
  } catch (error) {
    if (signal.aborted) return // the client has gone; `finally` stores what was said
    options.onError(error)
    await end('failed')
    if (options.safetyReminder !== undefined) yield event(options.safetyReminder)
    const failure = describeAgentFailure(error)
    yield event({ error: failure.message, code: failure.code })
  } finally {
    keepAlive.stop()
    // Reached early when the client left mid-reply (return() while suspended at a yield).
    if (!ended) await end('interrupted')
    reply.return(undefined as never).catch(() => {})
  }
}
