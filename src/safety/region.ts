// Where the user is, from what they write: a place they say they are in, or words only people in
// one country use ("A&E", "GCSEs", "NHS"). Both the crisis resources the app shows and the offline
// listener's own helplines follow it, so that nobody in Leeds is told to call 911.

/** 'other' is a country named that has no lines of its own here: shown the international directory, never US numbers. */
export const REGIONS = ['us', 'uk', 'ie', 'ca', 'au', 'nz', 'other'] as const
export type Region = typeof REGIONS[number]

/**
 * Every other country, by its English name from the runtime's own region list (ICU): the supported
 * ones and their territories are left out, and so are names that are also a US state or a first name.
 */
const NOT_OTHER = new Set(['US', 'UM', 'PR', 'GU', 'VI', 'AS', 'MP', 'GB', 'UK', 'GG', 'JE', 'IM', 'IE', 'CA', 'AU', 'NZ', 'GE', 'TD', 'JO', 'EU', 'EZ', 'UN', 'QO', 'AQ', 'XA', 'XB', 'ZZ'])
function otherCountries (): RegExp {
  const names = new Intl.DisplayNames(['en'], { type: 'region' })
  const found = new Set<string>()
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second)
      const name = names.of(code)
      if (name === undefined || name === code || NOT_OTHER.has(code)) continue
      // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": the name people write.
      const plain = (name.split(/ \(| - | SAR /)[0] as string).toLowerCase().replace(/’/g, "'").replace(/ & /g, ' and ')
      // "Trinidad & Tobago" is also just "Trinidad".
      for (const written of [plain, plain.split(' and ')[0] as string]) {
        found.add(written)
        found.add(written.normalize('NFD').replace(/\p{M}/gu, ''))
      }
    }
  }
  found.add('turkey')
  const escaped = [...found].sort((a, b) => b.length - a.length).map(name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`(?<![\\p{L}])(?:${escaped.join('|')})(?![\\p{L}])`, 'u')
}

/** Places: counted after "in", "at", "from" or "near" ("at uni in Leeds"), or as a demonym. */
const PLACES: Array<[Region, RegExp]> = [
  ['uk', /\b(?:uk|u\.k\.|united kingdom|england|scotland|wales|northern ireland|britain|london|manchester|leeds|birmingham|glasgow|edinburgh|cardiff|belfast|liverpool|bristol|sheffield|newcastle|nottingham|leicester|brighton|oxford|cambridge|york|coventry|southampton|aberdeen|dundee|swansea)\b/],
  ['ie', /\b(?:ireland|dublin|cork|galway|limerick)\b/],
  ['ca', /\b(?:canada|toronto|vancouver|montreal|ottawa|calgary|edmonton|winnipeg|halifax|ontario|quebec|alberta|british columbia)\b/],
  ['au', /\b(?:australia|sydney|melbourne|brisbane|perth|adelaide|canberra|hobart|queensland|victoria|tasmania)\b/],
  ['nz', /\b(?:nz|n\.z\.|new zealand|aotearoa|auckland|wellington|christchurch|dunedin)\b/],
  ['us', /\b(?:us|usa|u\.s\.|u\.s\.a\.|united states|america|the states)\b/],
  ['other', otherCountries()]
]

const DEMONYMS: Array<[Region, RegExp]> = [
  ['uk', /\bi'?m (?:british|english|scottish|welsh)\b/],
  ['ie', /\bi'?m irish\b/],
  ['ca', /\bi'?m canadian\b/],
  ['au', /\bi'?m (?:australian|an aussie)\b/],
  ['nz', /\bi'?m (?:a )?(?:kiwi|new zealander)\b/],
  ['us', /\bi'?m american\b/]
]

/** Words of one country's services and schools: a GP is in several, the NHS in one. */
const CUES: Array<[Region, RegExp]> = [
  ['uk', /\b(?:nhs|a ?& ?e|a and e|nhs 111|gcses?|a[- ]levels?|sixth form|year (?:10|11|12|13) mocks|jobcentre|council tax|bin lorr(?:y|ies)|samaritans|childline|quid|uni halls|talking therapies)\b/],
  ['au', /\b(?:centrelink|medicare card|lifeline on 13|headspace|beyond blue|triple zero|year 12 exams|hsc|atar|the servo)\b/],
  ['ca', /\b(?:ohip|cegep|grade 1[0-2] in ontario|kids help phone)\b/],
  ['nz', /\b(?:ncea|whānau|whanau)\b/],
  ['ie', /\b(?:leaving cert|junior cert|hse|gardai|garda)\b/]
]

const PLACE_LEAD = /\b(?:in|at|from|near|outside|around|(?:moved|moving|move|came|come|coming) (?:here )?to) (?:the )?$/

/** A place the writer says they are in, or are from, or a demonym of their own. */
function placeSaid (lower: string): Region | undefined {
  if (/\bnot (?:in )?(?:the )?(?:us|usa|america|states)\b/.test(lower)) {
    // "I'm not in the US" says only where they are not; another place may follow.
    lower = lower.replace(/\bnot (?:in )?(?:the )?(?:us|usa|america|states)\b/g, ' ')
  }
  for (const [region, pattern] of DEMONYMS) if (pattern.test(lower)) return region
  for (const [region, pattern] of PLACES) {
    const global = new RegExp(pattern.source, `${pattern.flags}g`)
    for (const match of lower.matchAll(global)) {
      const before = lower.slice(Math.max(0, match.index - 20), match.index)
      // "us" is a pronoun unless it follows "in the", "from the" or the like.
      if (region === 'us' && match[0] === 'us' && !/\b(?:in|from|to) the $/.test(before)) continue
      if (PLACE_LEAD.test(before)) return region
      // A place said on its own, or as the last word after a question ("uk", "any help for debt? uk").
      const after = lower.slice(match.index + match[0].length).trim()
      if (/(?:^|[?!.,;:])\s*$/.test(lower.slice(0, match.index)) && /^[?!.,;:]*$/.test(after)) return region
    }
  }
  return undefined
}

/**
 * The region the user's own words place them in, the latest saying first ("I'm in the UK", "at uni
 * in Leeds", "I don't want to go to A&E"), or undefined when nothing does.
 */
export function regionOf (userTurns: readonly string[]): Region | undefined {
  for (let i = userTurns.length - 1; i >= 0; i--) {
    const lower = (userTurns[i] as string).toLowerCase().replace(/[’‘]/g, "'")
    const said = placeSaid(lower)
    if (said !== undefined) return said
    for (const [region, pattern] of CUES) if (pattern.test(lower)) return region
  }
  return undefined
}
