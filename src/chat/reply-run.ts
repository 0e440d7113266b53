// One reply being generated: reads the model's tokens and publishes them as events, whoever is
// listening. Ends with exactly one `done` or `error` event, after the reply is stored. Never throws.
import { describeAgentFailure } from '../agent/errors.ts'
import type { AgentOutcome, AgentReply } from '../agent/types.ts'
import { ERASED_EVENT, type ChatEvent, type DoneEvent, type ErrorEvent, type MessageStatus, type SafetyEvent } from '../vocabulary.ts'

/** Why a reply was cut short. */
export type StopCause = 'client_gone' | 'stopped' | 'shutdown' | 'erased'

export interface ReplyEnd {
  content: string
  status: MessageStatus
  outcome?: AgentOutcome
  /** The session was erased while the reply ran: nothing of it may be stored. */
  erased?: boolean
}

export interface ReplyRunOptions {
  replyId: string
  /** Builds the model request, given the signal that aborts it. */
  startReply: (signal: AbortSignal) => AgentReply
  /** Events sent before the reply: the AI notice, the safety event. */
  leading?: ChatEvent[]
  /** Re-sent when a flagged reply fails or the model refuses, so the stream still ends with the resources. */
  safetyReminder?: SafetyEvent
  publish: (seq: number, payload: ChatEvent, terminal: boolean) => void
  /** Stores the reply so far while it streams (at most every CHECKPOINT_MS), so a crash loses at most that much. */
  onCheckpoint?: (content: string) => Promise<void>
  /** Stores the reply and frees the session; runs once, before the final event, after any checkpoint. */
  onEnd: (end: ReplyEnd) => Promise<void>
  /** Told of failures, for the logs. */
  onError: (error: unknown) => void
  /** Told when the first token arrives (time to first token). */
  onFirstToken?: () => void
}

const TERMINAL_FOR_STOP: Record<StopCause, (replyId: string) => DoneEvent | ErrorEvent> = {
  client_gone: (messageId) => ({ done: true, messageId, stopReason: 'interrupted' }),
  stopped: (messageId) => ({ done: true, messageId, stopReason: 'stopped' }),
  shutdown: () => ({ error: 'The service is restarting; your message and the reply so far are saved', code: 'SHUTTING_DOWN' }),
  erased: () => ERASED_EVENT
}

const CHECKPOINT_MS = 1000


export class ReplyRun {
  readonly replyId: string
  /** Settles when the reply has ended and been stored. */
  readonly done: Promise<void>
  readonly #options: ReplyRunOptions
  readonly #abort = new AbortController()
  #sequence = 0
  /** Set by the first stop; read per token instead of `signal.aborted`, a costlier getter. */
  #stopCause: StopCause | undefined
  /** Rejects the step being awaited: a stop ends the wait even if the provider ignores the signal. */
  #interrupt: ((reason: unknown) => void) | undefined
  #erased = false
  #checkpointTimer: ReturnType<typeof setInterval> | undefined
  /** The checkpoint being written, if any: the end waits for it, so the final write comes last. */
  #checkpoint: Promise<void> | undefined

  constructor (options: ReplyRunOptions) {
    this.replyId = options.replyId
    this.#options = options
    this.done = this.#run()
  }

  stop (cause: StopCause): void {
    // An erasure wins over any earlier stop, so long as the reply is not yet stored.
    if (cause === 'erased') this.#erased = true
    if (this.#stopCause !== undefined) return
    this.#stopCause = cause
    this.#abort.abort(cause)
  }

  get stopped (): boolean {
    return this.#stopCause !== undefined
  }

  /**
   * The provider's next step, or the stop's reason once stopped. Not `Promise.race` with one
   * long-lived "aborted" promise: each race leaves a reaction on it, one per token until the end.
   */
  #nextStep (reply: AgentReply): Promise<IteratorResult<string, AgentOutcome>> {
    if (this.#stopCause !== undefined) return Promise.reject(this.#stopCause)
    return new Promise((resolve, reject) => {
      this.#interrupt = reject
      reply.next().then(resolve, reject)
    })
  }

  #send (payload: ChatEvent, terminal = false): void {
    try {
      this.#options.publish(this.#sequence++, terminal && this.#erased ? ERASED_EVENT : payload, terminal)
    } catch (error) {
      this.#options.onError(error)
    }
  }

  async #end (end: ReplyEnd): Promise<boolean> {
    clearInterval(this.#checkpointTimer)
    await this.#checkpoint
    try {
      await this.#options.onEnd(this.#erased ? { content: '', status: 'interrupted', erased: true } : end)
      return true
    } catch (error) {
      this.#options.onError(error)
      return false
    }
  }

  #startCheckpoints (current: () => string): void {
    const { onCheckpoint } = this.#options
    if (onCheckpoint === undefined) return
    let saved = ''
    this.#checkpointTimer = setInterval(() => {
      const content = current()
      // Once stopped, the end stores the reply (or, erased, nothing).
      if (this.#stopCause !== undefined || this.#checkpoint !== undefined || content === saved) return
      saved = content
      this.#checkpoint = onCheckpoint(content).catch(this.#options.onError).finally(() => { this.#checkpoint = undefined })
    }, CHECKPOINT_MS)
    this.#checkpointTimer.unref()
  }

  async #run (): Promise<void> {
    const { replyId, safetyReminder } = this.#options
    const signal = this.#abort.signal
    signal.addEventListener('abort', () => this.#interrupt?.(signal.reason), { once: true })
    let content = ''
    let reply: AgentReply | undefined

    try {
      for (const payload of this.#options.leading ?? []) this.#send(payload)
      reply = this.#options.startReply(signal)
      for (;;) {
        const step = await this.#nextStep(reply)
        if (step.done === true) {
          const stored = await this.#end({ content, status: 'complete', outcome: step.value })
          if (step.value.stopReason === 'refusal' && safetyReminder !== undefined) this.#send(safetyReminder)
          this.#send(stored
            ? { done: true, messageId: replyId, stopReason: step.value.stopReason, usage: step.value.usage, ...(step.value.fallback === true ? { fallback: true } : {}) }
            : { error: 'The reply could not be saved, please try again', code: 'STORE_UNAVAILABLE' }, true)
          return
        }
        if (content === '') {
          this.#options.onFirstToken?.()
          this.#startCheckpoints(() => content)
        }
        content += step.value
        this.#send({ content: step.value })
      }
    } catch (error) {
      if (signal.aborted) {
        const cause = signal.reason as StopCause
        await this.#end({ content, status: 'interrupted' })
        this.#send(TERMINAL_FOR_STOP[cause](replyId), true)
        return
      }
      this.#options.onError(error)
      await this.#end({ content, status: 'failed' })
      if (safetyReminder !== undefined) this.#send(safetyReminder)
      const failure = describeAgentFailure(error)
      this.#send({ error: failure.message, code: failure.code }, true)
    } finally {
      clearInterval(this.#checkpointTimer)
      this.stop('client_gone') // releases the upstream request if it is still open
      reply?.return?.(undefined as never).catch(() => {})
    }
  }
}
