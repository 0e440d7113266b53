// The `sqlite` store (the default): one file on disk, survives restarts, serves one instance.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { LocalReplyLocks } from './reply-locks.ts'
import { StoreUnavailableError, type MessageStatus, type Role, type SessionStore, type StoredMessage } from './types.ts'

interface MessageRow {
  id: string
  role: Role
  content: string
  created_at: string
  status: MessageStatus
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS messages (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL,
    session_id TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('complete', 'interrupted', 'failed')),
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS messages_by_session ON messages (user_id, session_id, seq);
`

export function createSqliteStore (path: string): SessionStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(SCHEMA)

  const insert = db.prepare<[string, string, string, Role, string, MessageStatus, string]>(
    'INSERT INTO messages (id, user_id, session_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  // The newest `limit` rows, returned oldest first.
  const selectNewest = db.prepare<[string, string, number], MessageRow>(`
    SELECT id, role, content, status, created_at FROM (
      SELECT * FROM messages WHERE user_id = ? AND session_id = ? ORDER BY seq DESC LIMIT ?
    ) ORDER BY seq ASC`)
  const remove = db.prepare<[string, string]>('DELETE FROM messages WHERE user_id = ? AND session_id = ?')
  const locks = new LocalReplyLocks()

  // better-sqlite3 is synchronous; failures become StoreUnavailableError so routes answer 503.
  function guarded<T> (work: () => T): Promise<T> {
    try {
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(new StoreUnavailableError(error))
    }
  }

  return {
    appendMessage: (key, m) => guarded(() => {
      insert.run(m.id, key.userId, key.sessionId, m.role, m.content, m.status, m.createdAt)
    }),
    listMessages: (key, options = {}) => guarded(() =>
      selectNewest.all(key.userId, key.sessionId, options.limit ?? -1).map(toMessage)),
    deleteSession: (key) => guarded(() => { remove.run(key.userId, key.sessionId) }),
    tryLockReply: async (key) => locks.tryLock(key),
    unlockReply: async (key) => { locks.unlock(key) },
    ping: () => guarded(() => { db.prepare('SELECT 1').get() }),
    close: async () => { db.close() }
  }
}

function toMessage (row: MessageRow): StoredMessage {
  return { id: row.id, role: row.role, content: row.content, createdAt: row.created_at, status: row.status }
}
