// The entry point: build the app from the environment (and .env), listen, close gracefully on a signal.
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

closeWithGrace({ delay: 10000 }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'closing')
  await app.close()
})

await app.listen({ port: app.config.PORT, host: app.config.HOST })
