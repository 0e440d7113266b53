// Group commit for better-sqlite3: the writes asked for in one turn of the event loop commit in one
// transaction. Under load a commit (appending to the WAL) costs more than the insert itself, so
// this cuts the store's share of a chat (bench/PROFILE.md). Each write's promise settles
// once its transaction has committed; writes run in the order they were asked for.
import type { Database } from 'better-sqlite3'

interface PendingWrite {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class WriteBatch {
  readonly #runAll: (batch: PendingWrite[]) => unknown[]
  #pending: PendingWrite[] = []

  constructor (db: Database) {
    this.#runAll = db.transaction((batch: PendingWrite[]) => batch.map(write => write.work()))
  }

  write<T> (work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = this.#pending.push({ work, resolve: resolve as (value: unknown) => void, reject }) === 1
      if (first) setImmediate(() => { this.flush() })
    })
  }

  /** Commits what is waiting now (also before the database closes). */
  flush (): void {
    const batch = this.#pending
    this.#pending = []
    if (batch.length === 0) return
    try {
      const results = this.#runAll(batch)
      batch.forEach((write, i) => { write.resolve(results[i]) })
    } catch {
      // One write failed and rolled the others back with it: commit them one by one, so that only it fails.
      for (const write of batch) {
        try {
          write.resolve(write.work())
        } catch (error) {
          write.reject(error)
        }
      }
    }
  }
}
