// Wraps a store so that every operation's latency and outcome is observed (metrics).
import type { SessionStore } from './types.ts'

export type StoreObserver = (operation: string, outcome: 'ok' | 'error', seconds: number) => void

export function instrumentedStore (inner: SessionStore, observe: StoreObserver): SessionStore {
  const methods = inner as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const timed = {} as Record<string, unknown>
  for (const operation of Object.keys(inner)) {
    timed[operation] = async (...args: unknown[]) => {
      const started = performance.now()
      try {
        const result = await (methods[operation] as (...args: unknown[]) => Promise<unknown>)(...args)
        observe(operation, 'ok', (performance.now() - started) / 1000)
        return result
      } catch (error) {
        observe(operation, 'error', (performance.now() - started) / 1000)
        throw error
      }
    }
  }
  return timed as unknown as SessionStore
}
