// The replies this process is generating: for stop requests, the resume window and the drain on shutdown.
import { setTimeout as sleep } from 'node:timers/promises'
import type { ReplyRun, StopCause } from './reply-run.ts'

// A reply erased before its run is registered (during the chat's set-up) is remembered this long.
const ERASED_MEMORY_MS = 60000

export class ReplyRegistry {
  readonly #runs = new Map<string, ReplyRun>()
  readonly #erased = new Set<string>()

  add (run: ReplyRun): void {
    this.#runs.set(run.replyId, run)
    run.done.finally(() => this.#runs.delete(run.replyId)).catch(() => {})
    if (this.#erased.has(run.replyId)) run.stop('erased')
  }

  /** Stops the reply as erased, now or as soon as it is registered. */
  erase (replyId: string): void {
    this.#runs.get(replyId)?.stop('erased')
    if (this.#erased.has(replyId)) return
    this.#erased.add(replyId)
    setTimeout(() => this.#erased.delete(replyId), ERASED_MEMORY_MS).unref()
  }

  get (replyId: string): ReplyRun | undefined {
    return this.#runs.get(replyId)
  }

  get size (): number {
    return this.#runs.size
  }

  /** Waits up to `graceMs` for the replies to end, then stops the rest and waits for them to be stored. */
  async drain (graceMs: number, cause: StopCause): Promise<void> {
    const all = (): Promise<unknown> => Promise.allSettled([...this.#runs.values()].map(run => run.done))
    await Promise.race([all(), sleep(graceMs, undefined, { ref: false })])
    for (const run of this.#runs.values()) run.stop(cause)
    await all()
  }
}
