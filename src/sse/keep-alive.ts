// One timer for the `: ping` comments of every open stream, rather than a timer per stream.

export interface PingTarget {
  ping: () => void
}

export class PingTicker {
  readonly #targets = new Set<PingTarget>()
  readonly #timer: NodeJS.Timeout

  constructor (intervalMs: number) {
    this.#timer = setInterval(() => { for (const target of this.#targets) target.ping() }, intervalMs).unref()
  }

  /** Pings `target` every interval until the returned function is called. */
  add (target: PingTarget): () => void {
    this.#targets.add(target)
    return () => { this.#targets.delete(target) }
  }

  stop (): void {
    clearInterval(this.#timer)
    this.#targets.clear()
  }
}
