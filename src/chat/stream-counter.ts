// Open chat streams per user in this process, to cap how many one user holds at once.
export class StreamCounter {
  readonly #open = new Map<string, number>()
  readonly #max: number

  constructor (maxPerUser: number) {
    this.#max = maxPerUser
  }

  /** Counts a new stream for the user; false (and nothing counted) when the user is at the cap. */
  tryOpen (userId: string): boolean {
    const open = this.#open.get(userId) ?? 0
    if (open >= this.#max) return false
    this.#open.set(userId, open + 1)
    return true
  }

  close (userId: string): void {
    const open = (this.#open.get(userId) ?? 1) - 1
    if (open <= 0) this.#open.delete(userId)
    else this.#open.set(userId, open)
  }
}
