// The crisis hand-off: flags at the configured levels go into the store's outbox where they are
// recorded, and a background loop delivers them to the operator's webhook, signed as Standard
// Webhooks asks. At least once, with the same webhook-id on every attempt; a claim with a lease
// keeps two instances from sending one event, and a dead instance's claim runs out.
import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { HandoffEntry, SafetyFlag, SessionKey, SessionStore } from '../store/types.ts'
import type { ChatMetrics } from '../telemetry/chat-metrics.ts'
import type { Log } from '../telemetry/log.ts'
import { crisisEvent, pseudonymKey, type CrisisEvent } from './event.ts'

export interface HandoffOptions {
  store: Pick<SessionStore, 'enqueueHandoff' | 'claimHandoffs' | 'rescheduleHandoff' | 'removeHandoff'>
  url: string
  /** `whsec_` and the key in base64: signs the requests and keys the pseudonyms. */
  secret: string
  levels: Array<SafetyFlag['level']>
  /** The active compliance profiles, named in every event. */
  profiles: string[]
  retryBaseMs: number
  maxAttempts: number
  timeoutMs: number
  metrics: Pick<ChatMetrics, 'handoffEvents'>
  log: Log
}

// Entries claimed in one pass; the next pass takes the rest at once.
const BATCH = 20
// The longest wait between two attempts, whatever the base and the attempt.
const MAX_DELAY_MS = 60 * 60 * 1000
// A claim outlives a request's time limit by this much before another instance may take the entry.
const LEASE_MARGIN_MS = 30000

type Outcome = { ok: true } | { ok: false, reason: string }

export class CrisisHandoff {
  readonly #options: HandoffOptions
  readonly #webhook: Webhook
  readonly #key: Buffer
  /** This instance's claims: an entry it holds carries it. */
  readonly #claim = randomUUID()
  readonly #inFlight = new Set<Promise<void>>()
  #running = false
  #stopping = new AbortController()
  #pass: Promise<void> | undefined
  #passAgain = false
  #timer: NodeJS.Timeout | undefined

  constructor (options: HandoffOptions) {
    this.#options = options
    this.#webhook = new Webhook(options.secret)
    this.#key = pseudonymKey(options.secret)
  }

  /** Puts the flag in the outbox when its level is handed off; delivery happens in the background. */
  async record (session: SessionKey, flag: SafetyFlag, resources: CrisisEvent['data']['resources']): Promise<void> {
    if (!this.#options.levels.includes(flag.level)) return
    const event = crisisEvent(this.#key, { session, flag, profiles: this.#options.profiles, resources })
    await this.#options.store.enqueueHandoff({ id: event.id, body: JSON.stringify(event), attempts: 0, dueAt: Date.now() })
    this.#wake()
  }

  /** Starts delivering: what the outbox already holds (a restart) first. */
  start (): void {
    if (this.#running) return
    this.#running = true
    this.#stopping = new AbortController()
    this.#wake()
  }

  /** Stops the loop; a request under way is cut off and its entry left due at once, its attempt not counted. */
  async stop (): Promise<void> {
    this.#running = false
    clearTimeout(this.#timer)
    this.#stopping.abort()
    await this.#pass
    await Promise.all(this.#inFlight)
  }

  #wake (): void {
    if (!this.#running) return
    if (this.#pass !== undefined) {
      this.#passAgain = true
      return
    }
    clearTimeout(this.#timer)
    this.#pass = this.#claimDue().finally(() => {
      this.#pass = undefined
      if (this.#running) this.#timer = setTimeout(() => { this.#wake() }, this.#pollMs).unref()
    })
  }

  // Other instances' events and retries come due without a wake-up here: looked for this often.
  get #pollMs (): number {
    return Math.max(10, Math.min(this.#options.retryBaseMs, 1000))
  }

  async #claimDue (): Promise<void> {
    const { store, timeoutMs, log } = this.#options
    try {
      do {
        this.#passAgain = false
        const claimed = await store.claimHandoffs(Date.now(), timeoutMs + LEASE_MARGIN_MS, BATCH, this.#claim)
        for (const entry of claimed) this.#track(this.#deliver(entry))
        if (claimed.length === BATCH) this.#passAgain = true
      } while (this.#passAgain && this.#running)
    } catch (error) {
      // The store is away: the entries wait there, and the next pass tries again.
      log.warn({ handoff: { error: errorName(error) } }, 'crisis hand-off outbox unavailable')
    }
  }

  #track (delivery: Promise<void>): void {
    this.#inFlight.add(delivery)
    void delivery.finally(() => this.#inFlight.delete(delivery))
  }

  async #deliver (entry: HandoffEntry): Promise<void> {
    const { store, maxAttempts, metrics, log } = this.#options
    const attempt = entry.attempts + 1
    const outcome = await this.#send(entry)
    const handoff = { id: entry.id, attempt }
    try {
      if (outcome.ok) {
        await store.removeHandoff(entry.id, this.#claim)
        metrics.handoffEvents.inc({ outcome: 'delivered' })
        log.info({ handoff }, 'crisis hand-off delivered')
      } else if (this.#stopping.signal.aborted) {
        await store.rescheduleHandoff(entry.id, this.#claim, entry.attempts, Date.now())
      } else if (attempt >= maxAttempts) {
        await store.removeHandoff(entry.id, this.#claim)
        metrics.handoffEvents.inc({ outcome: 'abandoned' })
        log.error({ handoff: { ...handoff, reason: outcome.reason } }, 'crisis hand-off abandoned: the webhook failed every attempt')
      } else {
        await store.rescheduleHandoff(entry.id, this.#claim, attempt, Date.now() + this.#backoff(attempt))
        metrics.handoffEvents.inc({ outcome: 'retried' })
        log.warn({ handoff: { ...handoff, reason: outcome.reason } }, 'crisis hand-off failed: retrying')
      }
    } catch (error) {
      // Left claimed: the entry comes due again when the lease ends.
      log.warn({ handoff: { ...handoff, error: errorName(error) } }, 'crisis hand-off outbox unavailable')
    }
  }

  /** Exponential, with jitter so that many instances' retries after an outage spread out. */
  #backoff (attempt: number): number {
    const delay = Math.min(MAX_DELAY_MS, this.#options.retryBaseMs * 2 ** (attempt - 1))
    return Math.round(delay * (0.5 + Math.random() / 2))
  }

  async #send (entry: HandoffEntry): Promise<Outcome> {
    const sentAt = new Date()
    try {
      const response = await fetch(this.#options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': entry.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': this.#webhook.sign(entry.id, sentAt, entry.body)
        },
        body: entry.body,
        // A redirect would send the event somewhere the operator did not configure.
        redirect: 'manual',
        signal: AbortSignal.any([this.#stopping.signal, AbortSignal.timeout(this.#options.timeoutMs)])
      })
      await response.body?.cancel().catch(() => {})
      return response.status >= 200 && response.status < 300 ? { ok: true } : { ok: false, reason: `status ${response.status}` }
    } catch (error) {
      return { ok: false, reason: errorName(error) }
    }
  }
}

/** What went wrong, by name only: an error's message or cause may carry a URL or a payload. */
function errorName (error: unknown): string {
  if (!(error instanceof Error)) return 'unknown'
  if (error.name === 'TimeoutError') return 'timeout'
  const cause = (error as { cause?: { code?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : error.name
}
