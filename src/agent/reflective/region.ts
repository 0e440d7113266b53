// The listener's own words with the helplines of the region the user is in (src/safety/region.ts
// finds it); the safety event's resources follow the same region where the operator's file has them.

import type { Region } from '../../safety/region.ts'

interface Helplines {
  /** "the UK" */
  where: string
  /** What to call, after "call": "Samaritans on 116 123". */
  crisisLine: string
  emergency?: string
  /** The domestic abuse line, after "the" or alone. */
  abuseLine?: string
  /** Where to find a therapist, in brackets after "therapist directories". */
  therapists?: string
}

const HELPLINES: Record<Exclude<Region, 'us'>, Helplines> = {
  uk: {
    where: 'the UK',
    crisisLine: 'Samaritans on 116 123 (free, any time)',
    emergency: '999',
    abuseLine: 'National Domestic Abuse Helpline (0808 2000 247, free, 24 hours)',
    therapists: 'in the UK, your GP or NHS Talking Therapies, which you can refer yourself to'
  },
  ie: { where: 'Ireland', crisisLine: 'Samaritans on 116 123 (free, any time)', emergency: '112 or 999', abuseLine: "Women's Aid line (1800 341 900, free, 24 hours)" },
  ca: { where: 'Canada', crisisLine: '988 (call or text, any time)' },
  au: { where: 'Australia', crisisLine: 'Lifeline on 13 11 14 (any time)', emergency: '000', abuseLine: '1800RESPECT line (1800 737 732, any time)' },
  nz: { where: 'New Zealand', crisisLine: '1737 (call or text, any time)', emergency: '111' }
}

/** The listener's US wording, and what it says instead with a region's helplines. */
function replacements (lines: Helplines): Array<[RegExp, string]> {
  const found: Array<[RegExp, string]> = [
    [/in the US you can call or text 988( any time)?/g, `in ${lines.where} you can call ${lines.crisisLine}`],
    [/in the US call or text 988/g, `in ${lines.where} call ${lines.crisisLine}`],
    [/call or\s+text 988 (in the US|\(in the US\))/g, `call ${lines.crisisLine}`],
    [/calling or texting 988 \(in the US\)/g, `calling ${lines.crisisLine}`],
    [/a crisis line such as 988 in the US/g, `a crisis line such as ${lines.crisisLine}`]
  ]
  if (lines.emergency !== undefined) found.push([/call 911/g, `call ${lines.emergency}`])
  if (lines.abuseLine !== undefined) {
    found.push(
      [/National Domestic Violence Hotline \(1-800-799-7233,\s+or text START to 88788\)/g, lines.abuseLine],
      [/hotline \(1-800-799-7233, or text START to 88788\)/g, lines.abuseLine],
      [/hotline at 1-800-799-7233/g, lines.abuseLine])
  }
  if (lines.therapists !== undefined) found.push([/in the US, the Psychology Today directory or your insurer's list/g, lines.therapists])
  return found
}

const LOCAL = Object.fromEntries(Object.entries(HELPLINES).map(([region, lines]) => [region, replacements(lines)])) as Record<Exclude<Region, 'us'>, Array<[RegExp, string]>>

/** The reply with its helplines those of the user's region. */
export function localised (reply: string, region: Region | undefined): string {
  if (region === undefined || region === 'us') return reply
  let text = reply
  for (const [us, local] of LOCAL[region]) text = text.replace(us, local)
  return text
}
