// One timer for the `: ping` comments of every open stream, rather than a timer per stream. The
// streams are spread over SLOTS turns of that timer, each turn pinging one slot: thousands of open
// streams are pinged a few at a time across the interval, not all in the same instant.

export interface PingTarget {
  ping: () => void
}

const SLOTS = 16

export class PingTicker {
  readonly #slots: Array<Set<PingTarget>> = Array.from({ length: SLOTS }, () => new Set())
  readonly #timer: NodeJS.Timeout
  #turn = 0

  /** Pings each target every `intervalMs`. */
  constructor (intervalMs: number) {
    this.#timer = setInterval(() => {
      this.#turn = (this.#turn + 1) % SLOTS
      for (const target of this.#slots[this.#turn] ?? []) target.ping()
    }, intervalMs / SLOTS).unref()
  }

  /** Pings `target` every interval until the returned function is called. */
  add (target: PingTarget): () => void {
    // The emptiest slot, so that the slots stay even as streams come and go.
    const slot = this.#slots.reduce((emptiest, candidate) => candidate.size < emptiest.size ? candidate : emptiest)
    slot.add(target)
    return () => { slot.delete(target) }
  }

  stop (): void {
    clearInterval(this.#timer)
    for (const slot of this.#slots) slot.clear()
  }
}
