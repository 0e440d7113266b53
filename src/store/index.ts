// Builds the session store the configuration names.
import { createMemoryStore } from './memory.ts'
import { createSqliteStore } from './sqlite.ts'
import type { SessionStore } from './types.ts'

export interface StoreOptions {
  type: 'sqlite' | 'memory'
  sqlitePath: string
}

export function createStore (options: StoreOptions): SessionStore {
  return options.type === 'sqlite' ? createSqliteStore(options.sqlitePath) : createMemoryStore()
}
