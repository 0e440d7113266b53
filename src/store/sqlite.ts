// The `sqlite` store (the default): one file on disk, survives restarts, serves one instance.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { LocalReplyLocks } from './reply-locks.ts'
import { WriteBatch } from './write-batch.ts'
import {
  StoreUnavailableError, type HandoffEntry, type MessageStatus, type Role, type SafetyFlag, type SessionStore, type StoredMessage
} from './types.ts'

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
  CREATE TABLE IF NOT EXISTS safety_flags (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    TEXT NOT NULL,
    session_id TEXT NOT NULL,
    level      TEXT NOT NULL,
    category   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    signals    TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX IF NOT EXISTS safety_flags_by_session ON safety_flags (user_id, session_id, seq);
  CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS protocol_firings (
    day              TEXT NOT NULL,
    level            TEXT NOT NULL,
    category         TEXT NOT NULL,
    profiles         TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    count            INTEGER NOT NULL,
    PRIMARY KEY (day, level, category, profiles, protocol_version)
  );
  CREATE TABLE IF NOT EXISTS notice_marks (
    user_id    TEXT NOT NULL,
    session_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    shown_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id, kind)
  );
  CREATE TABLE IF NOT EXISTS handoff_outbox (
    id       TEXT PRIMARY KEY,
    body     TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    due_at   INTEGER NOT NULL,
    claim    TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX IF NOT EXISTS handoff_outbox_by_due ON handoff_outbox (due_at);
  CREATE TABLE IF NOT EXISTS session_keys (
    user_id    TEXT NOT NULL,
    session_id TEXT NOT NULL,
    wrapped    TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id)
  );
`

export function createSqliteStore (path: string): SessionStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  // Deleted rows are overwritten with zeros, not left in free pages for anyone reading the file.
  db.pragma('secure_delete = ON')
  db.exec(SCHEMA)

  const insert = db.prepare<[string, string, string, Role, string, MessageStatus, string]>(
    'INSERT INTO messages (id, user_id, session_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const update = db.prepare<[string, MessageStatus, string, string, string]>(
    'UPDATE messages SET content = ?, status = ? WHERE id = ? AND user_id = ? AND session_id = ?')
  // The newest `limit` rows, newest first (read down the index; turned oldest first in JS, which
  // costs less than sorting them again in SQL).
  const selectNewest = db.prepare<[string, string, number], MessageRow>(
    'SELECT id, role, content, status, created_at FROM messages WHERE user_id = ? AND session_id = ? ORDER BY seq DESC LIMIT ?')
  const removeSession = db.transaction((userId: string, sessionId: string) => {
    for (const table of ['messages', 'safety_flags', 'notice_marks', 'session_keys']) {
      db.prepare(`DELETE FROM ${table} WHERE user_id = ? AND session_id = ?`).run(userId, sessionId)
    }
  })
  const idleSessions = 'SELECT user_id, session_id FROM messages GROUP BY user_id, session_id HAVING MAX(created_at) < ?'
  const purge = db.transaction((before: string): number => {
    const { count } = db.prepare<[string], { count: number }>(`SELECT COUNT(*) AS count FROM (${idleSessions})`).get(before) as { count: number }
    db.prepare(`DELETE FROM messages WHERE (user_id, session_id) IN (${idleSessions})`).run(before)
    for (const table of ['safety_flags', 'notice_marks', 'session_keys']) {
      db.prepare(`DELETE FROM ${table} WHERE NOT EXISTS (
        SELECT 1 FROM messages m WHERE m.user_id = ${table}.user_id AND m.session_id = ${table}.session_id)`).run()
    }
    return count
  })
  const selectMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?')
  const upsertMeta = db.prepare<[string, string]>('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value')
  // Databases made before flags named their signals get the column, empty for the old rows.
  if (!(db.prepare('SELECT name FROM pragma_table_info(\'safety_flags\')').all() as Array<{ name: string }>).some(column => column.name === 'signals')) {
    db.exec('ALTER TABLE safety_flags ADD COLUMN signals TEXT NOT NULL DEFAULT \'[]\'')
  }
  const insertFlag = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO safety_flags (user_id, session_id, level, category, created_at, signals) VALUES (?, ?, ?, ?, ?, ?)')
  const selectFlags = db.prepare<[string, string], { level: SafetyFlag['level'], category: SafetyFlag['category'], created_at: string, signals: string }>(
    'SELECT level, category, created_at, signals FROM safety_flags WHERE user_id = ? AND session_id = ? ORDER BY seq')
  // Databases made before notices had kinds: their one disclosure time becomes the ai_disclosure mark.
  if (db.prepare('SELECT name FROM sqlite_master WHERE type = \'table\' AND name = \'session_notices\'').get() !== undefined) {
    db.exec(`INSERT OR IGNORE INTO notice_marks (user_id, session_id, kind, shown_at)
      SELECT user_id, session_id, 'ai_disclosure', last_notice_at FROM session_notices; DROP TABLE session_notices`)
  }
  const selectNotices = db.prepare<[string, string], { kind: string, shown_at: string }>(
    'SELECT kind, shown_at FROM notice_marks WHERE user_id = ? AND session_id = ?')
  const upsertNotice = db.prepare<[string, string, string, string]>(
    'INSERT INTO notice_marks (user_id, session_id, kind, shown_at) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT (user_id, session_id, kind) DO UPDATE SET shown_at = excluded.shown_at')
  const selectDataKey = db.prepare<[string, string], { wrapped: string }>(
    'SELECT wrapped FROM session_keys WHERE user_id = ? AND session_id = ?')
  const insertDataKey = db.prepare<[string, string, string]>(
    'INSERT INTO session_keys (user_id, session_id, wrapped) VALUES (?, ?, ?) ON CONFLICT (user_id, session_id) DO NOTHING')
  const selectSessions = db.prepare<[], { user_id: string, session_id: string }>('SELECT DISTINCT user_id, session_id FROM messages')
  const selectDataKeys = db.prepare<[], { user_id: string, session_id: string, wrapped: string }>(
    'SELECT user_id, session_id, wrapped FROM session_keys')
  const updateDataKey = db.prepare<[string, string, string]>(
    'UPDATE session_keys SET wrapped = ? WHERE user_id = ? AND session_id = ?')
  const countFiring = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO protocol_firings (day, level, category, profiles, protocol_version, count) VALUES (?, ?, ?, ?, ?, 1) ' +
    'ON CONFLICT (day, level, category, profiles, protocol_version) DO UPDATE SET count = count + 1')
  const selectFirings = db.prepare<[string, string], { day: string, level: SafetyFlag['level'], category: SafetyFlag['category'], profiles: string, protocol_version: string, count: number }>(
    'SELECT day, level, category, profiles, protocol_version, count FROM protocol_firings WHERE day >= ? AND day <= ? ORDER BY day')
  const insertHandoff = db.prepare<[string, string, number, number]>(
    'INSERT INTO handoff_outbox (id, body, attempts, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
  // One statement claims and reads, so two processes on the file never claim one entry.
  const claimHandoffs = db.prepare<[number, string, number, number], { id: string, body: string, attempts: number, due_at: number }>(`
    UPDATE handoff_outbox SET due_at = ?, claim = ?
    WHERE id IN (SELECT id FROM handoff_outbox WHERE due_at <= ? ORDER BY due_at LIMIT ?)
    RETURNING id, body, attempts, due_at`)
  const rescheduleHandoff = db.prepare<[number, number, string, string]>(
    'UPDATE handoff_outbox SET attempts = ?, due_at = ?, claim = \'\' WHERE id = ? AND claim = ?')
  const removeHandoff = db.prepare<[string, string]>('DELETE FROM handoff_outbox WHERE id = ? AND claim = ?')
  const locks = new LocalReplyLocks()
  const writes = new WriteBatch(db)

  // better-sqlite3 is synchronous; failures become StoreUnavailableError so routes answer 503.
  function guarded<T> (work: () => T): Promise<T> {
    try {
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(new StoreUnavailableError(error))
    }
  }
  function written<T> (work: () => T): Promise<T> {
    return writes.write(work).catch((error: unknown) => { throw new StoreUnavailableError(error) })
  }

  return {
    appendMessage: (key, m) => written(() => {
      insert.run(m.id, key.userId, key.sessionId, m.role, m.content, m.status, m.createdAt)
    }),
    updateMessage: (key, m) => written(() => {
      update.run(m.content, m.status, m.id, key.userId, key.sessionId)
    }),
    listMessages: (key, options = {}) => guarded(() => {
      const rows = selectNewest.all(key.userId, key.sessionId, options.limit ?? -1)
      const messages = new Array<StoredMessage>(rows.length)
      for (let i = 0; i < rows.length; i++) messages[rows.length - 1 - i] = toMessage(rows[i] as MessageRow)
      return messages
    }),
    deleteSession: async (key) => {
      await written(() => { removeSession(key.userId, key.sessionId) })
      // The WAL still holds the pages as they were: copy it back and empty it.
      await guarded(() => { db.pragma('wal_checkpoint(TRUNCATE)') })
    },
    recordSafetyFlag: (key, flag) => written(() => {
      insertFlag.run(key.userId, key.sessionId, flag.level, flag.category, flag.createdAt, JSON.stringify(flag.signals))
    }),
    listSafetyFlags: (key) => guarded(() => selectFlags.all(key.userId, key.sessionId)
      .map(row => ({ level: row.level, category: row.category, signals: JSON.parse(row.signals) as string[], createdAt: row.created_at }))),
    getNoticeMarks: (key) => guarded(() => Object.fromEntries(selectNotices.all(key.userId, key.sessionId).map(row => [row.kind, row.shown_at]))),
    setNoticeMark: (key, kind, at) => written(() => { upsertNotice.run(key.userId, key.sessionId, kind, at) }),
    recordProtocolFiring: (f) => written(() => { countFiring.run(f.day, f.level, f.category, JSON.stringify(f.profiles), f.protocolVersion) }),
    listProtocolFirings: (fromDay, toDay) => guarded(() => selectFirings.all(fromDay, toDay).map(row => ({
      day: row.day, level: row.level, category: row.category, profiles: JSON.parse(row.profiles) as string[], protocolVersion: row.protocol_version, count: row.count
    }))),
    purgeIdleSessions: (before) => written(() => purge(before)),
    getDataKey: (key) => guarded(() => selectDataKey.get(key.userId, key.sessionId)?.wrapped),
    addDataKey: (key, wrapped) => written(() => {
      insertDataKey.run(key.userId, key.sessionId, wrapped)
      return (selectDataKey.get(key.userId, key.sessionId) as { wrapped: string }).wrapped
    }),
    listSessions: () => guarded(() => selectSessions.all().map(row => ({ userId: row.user_id, sessionId: row.session_id }))),
    listDataKeys: () => guarded(() => selectDataKeys.all()
      .map(row => ({ key: { userId: row.user_id, sessionId: row.session_id }, wrapped: row.wrapped }))),
    replaceDataKey: (key, wrapped) => written(() => { updateDataKey.run(wrapped, key.userId, key.sessionId) }),
    getMeta: (name) => guarded(() => selectMeta.get(name)?.value),
    setMeta: (name, value) => written(() => { upsertMeta.run(name, value) }),
    enqueueHandoff: (entry) => written(() => { insertHandoff.run(entry.id, entry.body, entry.attempts, entry.dueAt) }),
    claimHandoffs: (now, leaseMs, limit, claim) => written(() => claimHandoffs.all(now + leaseMs, claim, now, limit)
      .map((row): HandoffEntry => ({ id: row.id, body: row.body, attempts: row.attempts, dueAt: row.due_at }))),
    rescheduleHandoff: (id, claim, attempts, dueAt) => written(() => { rescheduleHandoff.run(attempts, dueAt, id, claim) }),
    removeHandoff: (id, claim) => written(() => { removeHandoff.run(id, claim) }),
    tryLockReply: async (key, replyId) => locks.tryLock(key, replyId),
    refreshReplyLock: async () => {},
    getReplyLock: async (key) => locks.holder(key),
    unlockReply: async (key, replyId) => { locks.unlock(key, replyId) },
    ping: () => guarded(() => { db.prepare('SELECT 1').get() }),
    close: async () => {
      writes.flush()
      db.close()
    }
  }
}

function toMessage (row: MessageRow): StoredMessage {
  return { id: row.id, role: row.role, content: row.content, createdAt: row.created_at, status: row.status }
}
