// The entry point: build the app from the environment (and .env), listen, and on SIGTERM/SIGINT
// drain: keep listening while readiness answers 503 and open replies finish (within
// SHUTDOWN_GRACE_MS), then store what is left, close and exit 0.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.ts'

let app
try {
  app = await buildApp({ dotenv: true })
} catch (error) {
  // A bad setting: one line naming the variable, then stop.
  console.error(`therapybot: cannot start: ${(error as Error).message}`)
  process.exit(1)
}

// The hard limit leaves the drain its grace plus time to store and close.
closeWithGrace({ delay: app.config.SHUTDOWN_GRACE_MS + 5000, logger: app.log }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal, openReplies: app.replyBus.registry.size }, 'draining before shutdown')
  await app.replyBus.drain()
  await app.close()
})

await app.listen({ port: app.config.PORT, host: app.config.HOST, backlog: app.config.LISTEN_BACKLOG })
