// A compliance profile: one jurisdiction's duties as data (src/compliance/profiles/<id>.json),
// checked against this schema when the service starts.
import { readFile } from 'node:fs/promises'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

export const PROFILE_IDS = ['us-ny', 'us-ca', 'us-ut', 'us-il', 'us-nv', 'us-wa', 'us-or', 'eu'] as const
export type ProfileId = typeof PROFILE_IDS[number]

const Interval = Type.Integer({ minimum: 1, description: 'Milliseconds' })

export const ProfileSchema = Type.Object({
  id: Type.Enum([...PROFILE_IDS]),
  law: Type.String({ minLength: 1 }),
  source: Type.String({ pattern: '^https://' }),
  disclosure: Type.Object({
    /** Shown when a session starts. */
    atSessionStart: Type.Boolean(),
    /** Shown again once this long has passed since the last one. */
    intervalMs: Type.Optional(Interval),
    /** Shown again when the user comes back after this many days without use. */
    idleDays: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Shown whenever the user asks whether they are talking to an AI. */
    onRequest: Type.Boolean()
  }, { additionalProperties: false }),
  minors: Type.Optional(Type.Object({
    disclosureIntervalMs: Type.Optional(Interval),
    breakReminderIntervalMs: Type.Optional(Interval),
    /** The notice that the service may not be suitable for some minors, at session start. */
    suitabilityNotice: Type.Optional(Type.Boolean())
  }, { additionalProperties: false })),
  /** Words the service must never use about itself, in its own texts and in the model's replies. */
  forbiddenSelfDescriptions: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  /** The law asks that crisis referrals are shown (the safety event) and, with reports, counted. */
  crisisReferral: Type.Boolean(),
  referralReports: Type.Optional(Type.Boolean())
}, { additionalProperties: false })

export type Profile = Static<typeof ProfileSchema>

const PROFILES_DIR = new URL('./profiles/', import.meta.url)

/** Parses a COMPLIANCE_PROFILES list; an unknown id throws naming it. */
export function parseProfileList (list: string): ProfileId[] {
  const ids = [...new Set(list.split(',').map(id => id.trim().toLowerCase()).filter(id => id !== ''))]
  for (const id of ids) {
    if (!(PROFILE_IDS as readonly string[]).includes(id)) throw new Error(`env/COMPLIANCE_PROFILES: unknown profile "${id}" (known: ${PROFILE_IDS.join(', ')})`)
  }
  return ids as ProfileId[]
}

/** Reads and checks each profile's file; a malformed one throws naming the file and the field. */
export async function loadProfiles (ids: readonly ProfileId[], dir: URL = PROFILES_DIR): Promise<Profile[]> {
  return Promise.all(ids.map(async (id) => {
    const file = new URL(`${id}.json`, dir)
    let data: unknown
    try {
      data = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      throw new Error(`compliance profile ${id}: cannot read ${file.pathname}: ${(error as Error).message}`)
    }
    const problem = Value.Errors(ProfileSchema, data)[0]
    if (problem !== undefined) throw new Error(`compliance profile ${id}: ${problem.instancePath || '/'} ${problem.message}`)
    const profile = data as Profile
    if (profile.id !== id) throw new Error(`compliance profile ${id}: its file names itself "${profile.id}"`)
    return profile
  }))
}
