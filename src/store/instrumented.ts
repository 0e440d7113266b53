// Wraps a store so that every operation's latency and outcome is observed (metrics).
import type { SessionStore } from './types.ts'

export type StoreObserver = (operation: string, outcome: 'ok' | 'error', seconds: number) => void

export function instrumentedStore (inner: SessionStore, observe: StoreObserver): SessionStore {
  const methods = inner as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const timed = {} as Record<string, unknown>
  for (const operation of Object.keys(inner)) {
    // Not an async wrapper: no promise and await added to every store call.
    timed[operation] = (...args: unknown[]) => {
      const started = performance.now()
      let result: Promise<unknown>
      try {
        // Looked up at each call, so that a method replaced on the inner store is the one timed.
        result = (methods[operation] as (...args: unknown[]) => Promise<unknown>).apply(inner, args)
      } catch (error) {
        observe(operation, 'error', (performance.now() - started) / 1000)
        return Promise.reject(error)
      }
      return result.then((value) => {
        observe(operation, 'ok', (performance.now() - started) / 1000)
        return value
      }, (error: unknown) => {
        observe(operation, 'error', (performance.now() - started) / 1000)
        throw error
      })
    }
  }
  return timed as unknown as SessionStore
}
