// The `redis` store: sessions, messages, flags and the one-reply-per-session lock shared by every
// instance. Session keys expire after SESSION_TTL_DAYS of silence (sliding); locks always expire.
import type { Redis } from 'ioredis'
import { redisKeys } from '../redis-keys.ts'
import { StoreUnavailableError, type SessionKey, type SessionStore, type StoredMessage, type SafetyFlag, type ProtocolFiringCount, type HandoffEntry } from './types.ts'

export interface RedisStoreOptions {
  /** Idle sessions expire after this long; 0 keeps them. */
  sessionTtlMs: number
  /** A reply lock outlives a crashed instance by at most this long. */
  lockTtlMs: number
}

// Deletes the lock only if it still holds this reply's id, so an expired-and-retaken lock is not freed by mistake.
const UNLOCK_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
// Sets the content and status of the message with this id, looked for from the newest (a
// checkpointed reply is the last).
const UPDATE_SCRIPT = `
for index = redis.call('llen', KEYS[1]) - 1, 0, -1 do
  local message = cjson.decode(redis.call('lindex', KEYS[1], index))
  if message.id == ARGV[1] then
    message.content = ARGV[2]
    message.status = ARGV[3]
    redis.call('lset', KEYS[1], index, cjson.encode(message))
    return 1
  end
end
return 0`
// The outbox's keys, in the order the scripts below read them.
const HANDOFF_KEYS = [redisKeys.handoff.due, redisKeys.handoff.body, redisKeys.handoff.attempts, redisKeys.handoff.claim]
// Claims the due entries for ARGV[4] until ARGV[2] and returns id, body, attempts for each: atomic,
// so two instances never claim one entry.
const CLAIM_HANDOFFS_SCRIPT = `
local ids = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('zadd', KEYS[1], ARGV[2], id)
  redis.call('hset', KEYS[4], id, ARGV[4])
  table.insert(claimed, id)
  table.insert(claimed, redis.call('hget', KEYS[2], id))
  table.insert(claimed, redis.call('hget', KEYS[3], id))
end
return claimed`
const RESCHEDULE_HANDOFF_SCRIPT = `
if redis.call('hget', KEYS[4], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('hset', KEYS[3], ARGV[1], ARGV[3])
redis.call('hset', KEYS[4], ARGV[1], '')
redis.call('zadd', KEYS[1], ARGV[4], ARGV[1])
return 1`
const REMOVE_HANDOFF_SCRIPT = `
if redis.call('hget', KEYS[4], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('zrem', KEYS[1], ARGV[1])
for i = 2, 4 do redis.call('hdel', KEYS[i], ARGV[1]) end
return 1`
const REFRESH_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"

export function createRedisStore (redis: Redis, options: RedisStoreOptions): SessionStore {
  async function guarded<T> (work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw new StoreUnavailableError(error)
    }
  }

  /** Keeps every key of an active session alive for another TTL. */
  function touch (pipeline: ReturnType<Redis['multi']>, key: SessionKey): void {
    if (options.sessionTtlMs <= 0) return
    for (const name of [redisKeys.messages(key), redisKeys.flags(key), redisKeys.notices(key), redisKeys.dataKey(key)]) {
      pipeline.pexpire(name, options.sessionTtlMs)
    }
  }

  return {
    appendMessage: (key, message) => guarded(async () => {
      const pipeline = redis.multi().rpush(redisKeys.messages(key), JSON.stringify(message))
      touch(pipeline, key)
      await pipeline.exec()
    }),
    updateMessage: (key, message) => guarded(async () => {
      await redis.eval(UPDATE_SCRIPT, 1, redisKeys.messages(key), message.id, message.content, message.status)
    }),
    listMessages: (key, options = {}) => guarded(async () => {
      const start = options.limit === undefined ? 0 : -options.limit
      const rows = await redis.lrange(redisKeys.messages(key), start, -1)
      return rows.map(row => JSON.parse(row) as StoredMessage)
    }),
    deleteSession: (key) => guarded(async () => {
      await redis.del(redisKeys.messages(key), redisKeys.flags(key), redisKeys.notices(key), redisKeys.legacyNotice(key), redisKeys.dataKey(key), redisKeys.latestReply(key))
    }),
    recordSafetyFlag: (key, flag) => guarded(async () => {
      const pipeline = redis.multi().rpush(redisKeys.flags(key), JSON.stringify(flag))
      touch(pipeline, key)
      await pipeline.exec()
    }),
    listSafetyFlags: (key) => guarded(async () =>
      // Flags stored before they named their signals read as naming none.
      (await redis.lrange(redisKeys.flags(key), 0, -1)).map(row => ({ signals: [], ...JSON.parse(row) as Partial<SafetyFlag> }) as SafetyFlag)),
    getNoticeMarks: (key) => guarded(async () => await redis.hgetall(redisKeys.notices(key))),
    setNoticeMark: (key, kind, at) => guarded(async () => {
      const pipeline = redis.multi().hset(redisKeys.notices(key), kind, at)
      touch(pipeline, key)
      await pipeline.exec()
    }),
    // Counters with no expiry: the record outlives the sessions it counts.
    recordProtocolFiring: (f) => guarded(async () => {
      await redis.hincrby(redisKeys.firings(f.day), JSON.stringify([f.level, f.category, f.profiles, f.protocolVersion]), 1)
    }),
    listProtocolFirings: (fromDay, toDay) => guarded(async () => {
      const rows: ProtocolFiringCount[] = []
      for (let day = new Date(`${fromDay}T00:00:00Z`); day.toISOString().slice(0, 10) <= toDay; day = new Date(day.getTime() + 86400000)) {
        const name = day.toISOString().slice(0, 10)
        for (const [field, count] of Object.entries(await redis.hgetall(redisKeys.firings(name)))) {
          const [level, category, profiles, protocolVersion] = JSON.parse(field) as [SafetyFlag['level'], SafetyFlag['category'], string[], string]
          rows.push({ day: name, level, category, profiles, protocolVersion, count: Number(count) })
        }
      }
      return rows
    }),
    // Redis expires idle sessions by itself (every key has the TTL), so there is nothing to sweep.
    purgeIdleSessions: async () => 0,
    getDataKey: (key) => guarded(async () => (await redis.get(redisKeys.dataKey(key))) ?? undefined),
    addDataKey: (key, wrapped) => guarded(async () => {
      // Set-if-absent and read back in one transaction: two first writes agree on one key.
      const pipeline = redis.multi().set(redisKeys.dataKey(key), wrapped, 'NX').get(redisKeys.dataKey(key))
      touch(pipeline, key)
      const results = await pipeline.exec()
      const [error, kept] = results?.[1] ?? [new Error('transaction discarded')]
      if (error !== null) throw error
      return kept as string
    }),
    listSessions: () => guarded(async () => {
      // SCAN may name a key twice.
      const names = new Set<string>()
      for await (const batch of redis.scanStream({ match: redisKeys.messagesPattern, count: 500 }) as AsyncIterable<string[]>) {
        for (const name of batch) names.add(name)
      }
      return [...names].map(redisKeys.sessionOfMessages)
    }),
    listDataKeys: () => guarded(async () => {
      const found: Array<{ key: SessionKey, wrapped: string }> = []
      for await (const names of redis.scanStream({ match: redisKeys.dataKeyPattern, count: 500 }) as AsyncIterable<string[]>) {
        if (names.length === 0) continue
        const values = await redis.mget(...names)
        names.forEach((name, i) => {
          const wrapped = values[i]
          if (wrapped !== null && wrapped !== undefined) found.push({ key: redisKeys.sessionOfDataKey(name), wrapped })
        })
      }
      return found
    }),
    replaceDataKey: (key, wrapped) => guarded(async () => {
      await redis.set(redisKeys.dataKey(key), wrapped, 'KEEPTTL', 'XX')
    }),
    getMeta: (name) => guarded(async () => (await redis.get(redisKeys.meta(name))) ?? undefined),
    setMeta: (name, value) => guarded(async () => { await redis.set(redisKeys.meta(name), value) }),
    // No expiry: an entry leaves the outbox when it is delivered or given up.
    enqueueHandoff: (entry) => guarded(async () => {
      await redis.multi()
        .hsetnx(redisKeys.handoff.body, entry.id, entry.body)
        .hsetnx(redisKeys.handoff.attempts, entry.id, String(entry.attempts))
        .hsetnx(redisKeys.handoff.claim, entry.id, '')
        .zadd(redisKeys.handoff.due, 'NX', entry.dueAt, entry.id)
        .exec()
    }),
    claimHandoffs: (now, leaseMs, limit, claim) => guarded(async () => {
      const flat = await redis.eval(CLAIM_HANDOFFS_SCRIPT, HANDOFF_KEYS.length, ...HANDOFF_KEYS, now, now + leaseMs, limit, claim) as Array<string | null>
      const claimed: HandoffEntry[] = []
      for (let i = 0; i < flat.length; i += 3) {
        const [id, body, attempts] = flat.slice(i, i + 3)
        if (typeof id === 'string' && typeof body === 'string') claimed.push({ id, body, attempts: Number(attempts ?? 0), dueAt: now + leaseMs })
      }
      return claimed
    }),
    rescheduleHandoff: (id, claim, attempts, dueAt) => guarded(async () => {
      await redis.eval(RESCHEDULE_HANDOFF_SCRIPT, HANDOFF_KEYS.length, ...HANDOFF_KEYS, id, claim, attempts, dueAt)
    }),
    removeHandoff: (id, claim) => guarded(async () => {
      await redis.eval(REMOVE_HANDOFF_SCRIPT, HANDOFF_KEYS.length, ...HANDOFF_KEYS, id, claim)
    }),
    tryLockReply: (key, replyId) => guarded(async () =>
      (await redis.set(redisKeys.lock(key), replyId, 'PX', options.lockTtlMs, 'NX')) === 'OK'),
    refreshReplyLock: (key, replyId) => guarded(async () => {
      await redis.eval(REFRESH_SCRIPT, 1, redisKeys.lock(key), replyId, options.lockTtlMs)
    }),
    getReplyLock: (key) => guarded(async () => (await redis.get(redisKeys.lock(key))) ?? undefined),
    unlockReply: (key, replyId) => guarded(async () => {
      await redis.eval(UNLOCK_SCRIPT, 1, redisKeys.lock(key), replyId)
    }),
    ping: () => guarded(async () => { await redis.ping() }),
    // The connection belongs to the redis plugin, which closes it.
    close: async () => {}
  }
}
