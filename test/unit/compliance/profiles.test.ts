// The profile files: each one valid, a malformed one refused naming the field.
import t from 'tap'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PROFILE_IDS, loadProfiles } from '../../../src/compliance/profile.ts'
import { combineDuties } from '../../../src/compliance/duties.ts'
import { forbiddenSelfDescriptionsIn } from '../../../src/compliance/self-description.ts'

t.test('every shipped profile loads', async (t) => {
  const profiles = await loadProfiles(PROFILE_IDS)
  t.same(profiles.map(p => p.id), [...PROFILE_IDS])
})

t.test('a malformed profile file is refused naming the profile and the field', async (t) => {
  const dir = join(t.testdir(), 'profiles')
  mkdirSync(dir)
  writeFileSync(join(dir, 'us-ny.json'), JSON.stringify({ id: 'us-ny', law: 'x', source: 'https://x', disclosure: { atSessionStart: true, onRequest: false, intervalMs: -5 }, crisisReferral: true }))
  await t.rejects(loadProfiles(['us-ny'], pathToFileURL(dir + '/')), /compliance profile us-ny: \/disclosure\/intervalMs/)
  writeFileSync(join(dir, 'eu.json'), '{ not json')
  await t.rejects(loadProfiles(['eu'], pathToFileURL(dir + '/')), /compliance profile eu: cannot read/)
})

t.test('combined, the strictest rule wins', async (t) => {
  const duties = combineDuties(await loadProfiles(['us-ny', 'us-ca', 'us-ut', 'us-wa', 'eu']))
  t.equal(duties.disclosure.intervalMs, 3 * 3600000)
  t.equal(duties.minors.disclosureIntervalMs, 3600000)
  t.equal(duties.minors.breakReminderIntervalMs, 3 * 3600000)
  t.equal(duties.disclosure.idleDays, 7)
  t.ok(duties.disclosure.onRequest)
  t.ok(duties.minors.suitabilityNotice)
  const overridden = combineDuties(await loadProfiles(['us-wa']), { disclosureIntervalMs: 4 * 3600000 })
  t.equal(overridden.minors.disclosureIntervalMs, 3600000, 'an operator setting does not loosen the minors\' rule')
})

t.test('saying what it is not is allowed; saying it is, is not', async (t) => {
  const words = ['therapist', 'therapy', 'counselor']
  t.same(forbiddenSelfDescriptionsIn('It is not a therapist and not a replacement for therapy.', words), [])
  t.same(forbiddenSelfDescriptionsIn('Your AI therapist is here. Start therapy now!', words).sort(), ['therapist', 'therapy'])
})
