// Provides `app.safety`: the local risk screen and the crisis resources loaded at boot.
import fp from 'fastify-plugin'
import { loadCrisisResources, type CrisisResources } from '../src/safety/resources.ts'
import { screenMessage, type RiskAssessment } from '../src/safety/screen.ts'

declare module 'fastify' {
  interface FastifyInstance {
    safety: {
      screen: (message: string) => RiskAssessment
      resources: CrisisResources
    }
  }
}

export default fp(async function safetyPlugin (app) {
  // Loads the screen's models now, so that a missing one stops the boot and the first user does not wait.
  screenMessage('')
  app.decorate('safety', {
    screen: screenMessage,
    resources: await loadCrisisResources(app.config.CRISIS_RESOURCES_FILE)
  })
}, { name: 'safety', dependencies: ['config'] })
