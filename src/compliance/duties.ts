// The duties of the active profiles combined: where they differ, the strictest rule wins
// (any profile's notice is shown, the shortest interval holds, forbidden words add up).
import type { Profile, ProfileId } from './profile.ts'

export interface Duties {
  profiles: ProfileId[]
  disclosure: {
    atSessionStart: boolean
    intervalMs?: number
    idleDays?: number
    onRequest: boolean
  }
  minors: {
    disclosureIntervalMs?: number
    breakReminderIntervalMs?: number
    suitabilityNotice: boolean
  }
  forbiddenSelfDescriptions: string[]
  referralReports: boolean
}

/** Operator settings that replace a profile's value (each unset one keeps the strictest profile's). */
export interface DutyOverrides {
  disclosureIntervalMs?: number
  breakReminderIntervalMs?: number
  idleDays?: number
}

function shortest (values: Array<number | undefined>): number | undefined {
  const given = values.filter((value): value is number => value !== undefined)
  return given.length === 0 ? undefined : Math.min(...given)
}

export function combineDuties (profiles: readonly Profile[], overrides: DutyOverrides = {}): Duties {
  const minorsDisclosure = shortest(profiles.map(p => p.minors?.disclosureIntervalMs))
  const adultsDisclosure = shortest(profiles.map(p => p.disclosure.intervalMs))
  return {
    profiles: profiles.map(p => p.id),
    disclosure: {
      atSessionStart: profiles.some(p => p.disclosure.atSessionStart),
      intervalMs: overrides.disclosureIntervalMs ?? adultsDisclosure,
      idleDays: overrides.idleDays ?? shortest(profiles.map(p => p.disclosure.idleDays)),
      onRequest: profiles.some(p => p.disclosure.onRequest)
    },
    minors: {
      // A minor is never told less often than an adult.
      disclosureIntervalMs: shortest([minorsDisclosure, overrides.disclosureIntervalMs ?? adultsDisclosure]),
      breakReminderIntervalMs: overrides.breakReminderIntervalMs ?? shortest(profiles.map(p => p.minors?.breakReminderIntervalMs)),
      suitabilityNotice: profiles.some(p => p.minors?.suitabilityNotice === true)
    },
    forbiddenSelfDescriptions: [...new Set(profiles.flatMap(p => p.forbiddenSelfDescriptions ?? []).map(word => word.toLowerCase()))].sort(),
    referralReports: profiles.some(p => p.referralReports === true)
  }
}
