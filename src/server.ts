// The entry point: build the app from the environment (and .env), listen, and on SIGTERM/SIGINT
// drain: keep listening while readiness answers 503 and open replies finish (within
// SHUTDOWN_GRACE_MS), then store what is left, close and exit 0.
import type { AddressInfo, ListenOptions, Server } from 'node:net'
import type { FastifyListenOptions } from 'fastify'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.ts'
import { closeAll, listenAlso } from './listen-sockets.ts'

let app
try {
  app = await buildApp({ dotenv: true })
} catch (error) {
  // A bad setting: one line naming the variable, then stop.
  console.error(`therapybot: cannot start: ${(error as Error).message}`)
  process.exit(1)
}

// Only where the kernel spreads connections over sockets sharing a port (SO_REUSEPORT).
const REUSE_PORT_PLATFORMS = new Set<string>(['linux', 'freebsd', 'sunos', 'aix'])
const { PORT, HOST, LISTEN_BACKLOG, MAX_CONNECTIONS } = app.config
const listenSockets = REUSE_PORT_PLATFORMS.has(process.platform) ? app.config.LISTEN_SOCKETS : 1
const extraSockets: Server[] = []

// The hard limit leaves the drain its grace plus time to store and close.
closeWithGrace({ delay: app.config.SHUTDOWN_GRACE_MS + 5000, logger: app.log }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal, openReplies: app.replyBus.registry.size }, 'draining before shutdown')
  await app.replyBus.drain()
  closeAll(extraSockets)
  await app.close()
})

// Fastify hands its listen options to node:net as they are; its types do not name `reusePort`.
const listenOptions: FastifyListenOptions & Pick<ListenOptions, 'reusePort'> = { port: PORT, host: HOST, backlog: LISTEN_BACKLOG, reusePort: listenSockets > 1 }
await app.listen(listenOptions)
if (listenSockets > 1) {
  // On the port actually bound (PORT=0 picks one) and the address the server's own socket took.
  const bound = app.server.address() as AddressInfo
  extraSockets.push(...await listenAlso(app.server, {
    extra: listenSockets - 1, host: bound.address, port: bound.port, backlog: LISTEN_BACKLOG, maxConnections: MAX_CONNECTIONS
  }))
}
