// Whether the configured model is answering, read from the replies themselves: 'failing' after a
// few failed replies in a row (an error, or the offline listener answering instead), 'ok' again at
// the next reply the model gave.
const FAILURES_TO_REPORT = 3

export type ModelState = 'ok' | 'failing'

export class ModelHealth {
  #failuresInRow = 0

  answered (): void {
    this.#failuresInRow = 0
  }

  failed (): void {
    this.#failuresInRow++
  }

  get state (): ModelState {
    return this.#failuresInRow >= FAILURES_TO_REPORT ? 'failing' : 'ok'
  }
}
