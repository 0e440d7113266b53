// A repeating tick to race against the model's next token, so pings and tokens stay in order.

export const PING = Symbol('ping')

export class KeepAlive {
  readonly #intervalMs: number
  #timer: NodeJS.Timeout | undefined
  #tick!: Promise<typeof PING>

  constructor (intervalMs: number) {
    this.#intervalMs = intervalMs
    this.#arm()
  }

  /** Resolves when the next ping is due; call `rearm()` after using it. */
  get tick (): Promise<typeof PING> {
    return this.#tick
  }

  rearm (): void {
    this.#arm()
  }

  stop (): void {
    clearTimeout(this.#timer)
  }

  #arm (): void {
    this.#tick = new Promise(resolve => { this.#timer = setTimeout(resolve, this.#intervalMs, PING) })
  }
}
