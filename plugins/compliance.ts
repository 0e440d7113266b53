// Provides `app.compliance`: the active jurisdictions' duties (COMPLIANCE_PROFILES, loaded and
// checked at boot), the notices each message is due, and whether the asking user is a minor.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { createCompliance, type Compliance } from '../src/compliance/compliance.ts'
import { combineDuties } from '../src/compliance/duties.ts'
import { minorFromClaims } from '../src/compliance/minor.ts'
import { NOTICE_TEXTS } from '../src/compliance/notice-texts.ts'
import { loadProfiles, parseProfileList, type Profile } from '../src/compliance/profile.ts'
import { checkOwnTexts } from '../src/compliance/self-description.ts'
import { CRISIS_REPLIES } from '../src/safety/messages.ts'

declare module 'fastify' {
  interface FastifyInstance {
    compliance: Compliance & {
      profiles: Profile[]
      /** A minor by the token's claims when authentication is on, else by the body's `minor`. */
      isMinor: (request: FastifyRequest, bodyMinor: boolean | undefined) => boolean
    }
  }
}

export default fp(async function compliancePlugin (app) {
  const { config } = app
  const profiles = await loadProfiles(parseProfileList(config.COMPLIANCE_PROFILES))
  const setting = (value: number) => value === 0 ? undefined : value
  const duties = combineDuties(profiles, {
    disclosureIntervalMs: setting(config.DISCLOSURE_INTERVAL_MS),
    breakReminderIntervalMs: setting(config.BREAK_REMINDER_INTERVAL_MS),
    idleDays: setting(config.DISCLOSURE_IDLE_DAYS)
  })
  // The service's own words are checked once, here: a text that breaks a profile's rule stops the boot.
  checkOwnTexts({
    ...Object.fromEntries(Object.entries(NOTICE_TEXTS).map(([kind, text]) => [`${kind} notice`, text])),
    ...Object.fromEntries(Object.entries(CRISIS_REPLIES).map(([category, text]) => [`${category} crisis reply`, text])),
    'crisis resources message': app.safety.resources.message
  }, duties.forbiddenSelfDescriptions)
  const claims = { minorClaim: config.AUTH_MINOR_CLAIM, ageClaim: config.AUTH_AGE_CLAIM }
  app.decorate('compliance', {
    ...createCompliance(duties, app.store),
    profiles,
    isMinor: (request: FastifyRequest, bodyMinor: boolean | undefined) => app.authEnabled
      ? minorFromClaims(request.user as Record<string, unknown> | undefined, claims)
      : bodyMinor === true
  })
}, { name: 'compliance', dependencies: ['config', 'store', 'safety', 'auth'] })
