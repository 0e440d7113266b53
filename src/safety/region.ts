// Where the user is, from what they write: a place they say they are in, or words only people in
// one country use ("A&E", "GCSEs", "NHS"). Both the crisis resources the app shows and the offline
// listener's own helplines follow it, so that nobody in Leeds is told to call 911.

export const REGIONS = ['us', 'uk', 'ie', 'ca', 'au', 'nz'] as const
export type Region = typeof REGIONS[number]

/** Places: counted after "in", "at", "from" or "near" ("at uni in Leeds"), or as a demonym. */
const PLACES: Array<[Region, RegExp]> = [
  ['uk', /\b(?:uk|u\.k\.|united kingdom|england|scotland|wales|northern ireland|britain|london|manchester|leeds|birmingham|glasgow|edinburgh|cardiff|belfast|liverpool|bristol|sheffield|newcastle|nottingham|leicester|brighton|oxford|cambridge|york|coventry|southampton|aberdeen|dundee|swansea)\b/],
  ['ie', /\b(?:ireland|dublin|cork|galway|limerick)\b/],
  ['ca', /\b(?:canada|toronto|vancouver|montreal|ottawa|calgary|edmonton|winnipeg|halifax|ontario|quebec|alberta|british columbia)\b/],
  ['au', /\b(?:australia|sydney|melbourne|brisbane|perth|adelaide|canberra|hobart|queensland|victoria|tasmania)\b/],
  ['nz', /\b(?:new zealand|aotearoa|auckland|wellington|christchurch|dunedin)\b/],
  ['us', /\b(?:us|usa|u\.s\.|u\.s\.a\.|united states|america|the states)\b/]
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

const PLACE_LEAD = /\b(?:in|at|from|near|outside|around|moved to|moving to|move to) (?:the )?$/

/** A place the writer says they are in, or are from, or a demonym of their own. */
function placeSaid (lower: string): Region | undefined {
  if (/\bnot (?:in )?(?:the )?(?:us|usa|america|states)\b/.test(lower)) {
    // "I'm not in the US" says only where they are not; another place may follow.
    lower = lower.replace(/\bnot (?:in )?(?:the )?(?:us|usa|america|states)\b/g, ' ')
  }
  for (const [region, pattern] of DEMONYMS) if (pattern.test(lower)) return region
  for (const [region, pattern] of PLACES) {
    const global = new RegExp(pattern.source, 'g')
    for (const match of lower.matchAll(global)) {
      const before = lower.slice(Math.max(0, match.index - 12), match.index)
      // "us" is a pronoun unless it follows "in the", "from the" or the like.
      if (region === 'us' && match[0] === 'us' && !/\b(?:in|from|to) the $/.test(before)) continue
      if (PLACE_LEAD.test(before)) return region
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
