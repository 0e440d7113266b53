// Open streams in this process, per holder (a token subject, or an address when anonymous) and in
// all: a chat counts while its reply runs, a resume while its client reads.
export type OpenResult = 'ok' | 'holder_full' | 'server_full'

export class StreamCounter {
  readonly #open = new Map<string, number>()
  readonly #maxPerHolder: number
  readonly #maxTotal: number
  #total = 0

  constructor (maxPerHolder: number, maxTotal: number) {
    this.#maxPerHolder = maxPerHolder
    this.#maxTotal = maxTotal
  }

  /** Counts a new stream for the holder; nothing is counted unless the answer is 'ok'. */
  tryOpen (holder: string): OpenResult {
    if (this.#total >= this.#maxTotal) return 'server_full'
    const open = this.#open.get(holder) ?? 0
    if (open >= this.#maxPerHolder) return 'holder_full'
    this.#open.set(holder, open + 1)
    this.#total++
    return 'ok'
  }

  close (holder: string): void {
    const open = this.#open.get(holder)
    if (open === undefined) return
    this.#total--
    if (open <= 1) this.#open.delete(holder)
    else this.#open.set(holder, open - 1)
  }

  get total (): number {
    return this.#total
  }
}
