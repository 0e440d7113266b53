// Provides `app.config`: every setting, read from the environment (and .env) and validated at boot.
// The app factory reads it first (`loadConfig`), since the server's own options come from it.
import fp from 'fastify-plugin'
import fastifyEnv from '@fastify/env'
import envSchema from 'env-schema'
import { Type, type Static } from 'typebox'
import { checkSecuritySettings } from '../src/security-settings.ts'

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.String({ default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 5000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  LISTEN_BACKLOG: Type.Integer({ minimum: 1, default: 511 }),
  LISTEN_SOCKETS: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  CORS_ORIGINS: Type.String({ default: '*' }),
  TRUST_PROXY: Type.String({ default: '', pattern: '^([0-9]+|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)?$' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 65536 }),
  MAX_MESSAGE_CHARS: Type.Integer({ minimum: 1, maximum: 100000, default: 4000 }),
  SSE_KEEPALIVE_MS: Type.Integer({ minimum: 10, default: 15000 }),
  STREAM_RESUME_WINDOW_MS: Type.Integer({ minimum: 0, default: 30000 }),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10000 }),
  METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),

  STORE: Type.Enum(['sqlite', 'memory', 'redis'], { default: 'sqlite' }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  SQLITE_PATH: Type.String({ minLength: 1, default: './data/therapybot.db' }),
  HISTORY_MAX_TOKENS: Type.Integer({ minimum: 100, default: 8000 }),
  STORE_ENCRYPTION_KEY: Type.String({ default: '' }),
  STORE_ENCRYPTION_KEYS: Type.String({ default: '' }),
  SESSION_TTL_DAYS: Type.Number({ minimum: 0, default: 0 }),

  AGENT_PROVIDER: Type.Enum(['auto', 'anthropic', 'openai', 'reflective'], { default: 'auto' }),
  AGENT_SYSTEM_PROMPT_FILE: Type.String({ default: '' }),
  AGENT_MAX_TOKENS: Type.Integer({ minimum: 1, default: 1024 }),
  AGENT_FALLBACK: Type.Enum(['reflective', 'none'], { default: 'reflective' }),
  AGENT_MAX_RETRIES: Type.Integer({ minimum: 0, maximum: 10, default: 2 }),
  AGENT_RETRY_DELAY_MS: Type.Integer({ minimum: 0, default: 500 }),
  AGENT_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 60000 }),
  ANTHROPIC_API_KEY: Type.String({ default: '' }),
  ANTHROPIC_MODEL: Type.String({ minLength: 1, default: 'claude-sonnet-5-5' }),
  ANTHROPIC_BASE_URL: Type.String({ default: '' }),
  OPENAI_BASE_URL: Type.String({ default: '' }),
  OPENAI_API_KEY: Type.String({ default: '' }),
  OPENAI_MODEL: Type.String({ minLength: 1, default: 'gpt-4o-mini' }),
  REFLECTIVE_WORD_DELAY_MS: Type.Integer({ minimum: 0, default: 40 }),

  CRISIS_RESOURCES_FILE: Type.String({ default: '' }),
  COMPLIANCE_PROFILES: Type.String({ default: 'us-ny,us-ca,us-ut,eu', pattern: '^[a-zA-Z, -]*$' }),
  // 0: the strictest active profile's value.
  DISCLOSURE_INTERVAL_MS: Type.Integer({ minimum: 0, default: 0 }),
  BREAK_REMINDER_INTERVAL_MS: Type.Integer({ minimum: 0, default: 0 }),
  DISCLOSURE_IDLE_DAYS: Type.Integer({ minimum: 0, default: 0 }),
  // Bearer token of GET /reports/crisis-referrals; unset, the route answers 404.
  REPORTS_TOKEN: Type.String({ default: '' }),
  // The crisis hand-off: both set, flags at HANDOFF_LEVELS go to the operator's webhook (src/handoff/).
  HANDOFF_WEBHOOK_URL: Type.String({ default: '', pattern: '^(https?://.+)?$' }),
  HANDOFF_WEBHOOK_SECRET: Type.String({ default: '', pattern: '^(whsec_[A-Za-z0-9+/]+={0,2})?$' }),
  HANDOFF_LEVELS: Type.String({ default: 'crisis', pattern: '^ *(elevated|crisis) *(, *(elevated|crisis) *)*$' }),
  HANDOFF_RETRY_BASE_MS: Type.Integer({ minimum: 1, default: 1000 }),
  HANDOFF_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
  HANDOFF_TIMEOUT_MS: Type.Integer({ minimum: 10, default: 10000 }),
  AUTH_MINOR_CLAIM: Type.String({ minLength: 1, default: 'minor' }),
  AUTH_AGE_CLAIM: Type.String({ default: '' }),

  AUTH_JWT_SECRET: Type.String({ default: '' }),
  AUTH_JWKS_URL: Type.String({ default: '', pattern: '^(https?://.+)?$' }),
  AUTH_JWT_ISSUER: Type.String({ default: '' }),
  AUTH_JWT_AUDIENCE: Type.String({ default: '' }),
  AUTH_JWT_MAX_AGE: Type.Integer({ minimum: 60, default: 86400 }),
  AUTH_DISABLED: Type.Boolean({ default: false }),
  AUTH_FAILURES_MAX: Type.Integer({ minimum: 1, default: 20 }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 30 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60000 }),
  MAX_STREAMS_PER_USER: Type.Integer({ minimum: 1, default: 3 }),
  MAX_STREAMS: Type.Integer({ minimum: 1, default: 10000 }),
  MAX_CONNECTIONS: Type.Integer({ minimum: 1, default: 12000 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30000 }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10000 }),
  CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 60000 }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 72000 })
})

export type Config = Static<typeof ConfigSchema>

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface ConfigPluginOptions {
  /** Variables to read instead of process.env (tests pass their own). */
  env?: Record<string, string | undefined>
  /** Also read a .env file from the working directory. */
  dotenv?: boolean
}

/** Reads and checks every setting (env-schema, the reader under @fastify/env); a bad one throws an error naming it. */
export function loadConfig (opts: ConfigPluginOptions): Config {
  const config = envSchema<Config>({ schema: ConfigSchema, data: opts.env ?? process.env, dotenv: opts.dotenv ?? false })
  if (config.AGENT_PROVIDER === 'anthropic' && config.ANTHROPIC_API_KEY === '') {
    throw new Error('env/ANTHROPIC_API_KEY must be set when AGENT_PROVIDER=anthropic')
  }
  checkSecuritySettings(config)
  checkHandoffSettings(config)
  // Node refuses a headers timeout above the request's; a stream is idle between pings.
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) throw new Error('env/HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS')
  if (config.CONNECTION_TIMEOUT_MS <= config.SSE_KEEPALIVE_MS) throw new Error('env/CONNECTION_TIMEOUT_MS must exceed SSE_KEEPALIVE_MS, or open streams would be cut between pings')
  return config
}

// Standard Webhooks asks for a secret of 24 to 64 bytes.
const MIN_SECRET_BYTES = 24

function checkHandoffSettings (config: Config): void {
  const url = config.HANDOFF_WEBHOOK_URL !== ''
  const secret = config.HANDOFF_WEBHOOK_SECRET !== ''
  if (url && !secret) throw new Error('env/HANDOFF_WEBHOOK_SECRET must be set with HANDOFF_WEBHOOK_URL (whsec_ and 24 to 64 random bytes in base64)')
  if (secret && !url) throw new Error('env/HANDOFF_WEBHOOK_URL must be set with HANDOFF_WEBHOOK_SECRET')
  if (secret && Buffer.from(config.HANDOFF_WEBHOOK_SECRET.slice('whsec_'.length), 'base64').length < MIN_SECRET_BYTES) {
    throw new Error('env/HANDOFF_WEBHOOK_SECRET must hold at least 24 random bytes after whsec_ (base64)')
  }
}

/** The server's trustProxy option: a hop count, or the addresses (CIDR) of the proxies in front. */
export function trustProxyOf (value: string): ((address: string, hop: number) => boolean) | string | false {
  if (value.trim() === '') return false
  if (!/^[0-9]+$/.test(value)) return value
  const hops = Number(value)
  return (_address, hop) => hop < hops
}

// @fastify/env decorates `app.config`; it is handed the settings `loadConfig` already read and
// checked (the server's options needed them before the instance existed), under the same schema.
export default fp<{ config: Config }>(async function configPlugin (app, opts) {
  await app.register(fastifyEnv, { confKey: 'config', schema: ConfigSchema, data: opts.config })
}, { name: 'config' })
