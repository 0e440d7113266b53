// What the risk screen looks for, as patterns over a message's words and lemmas (see text.ts).
// Written for first-person, present risk; figures of speech, negations and media talk are left out.

export type RiskLevel = 'none' | 'elevated' | 'crisis'
export type RiskCategory = 'self_harm' | 'harm_to_others' | 'abuse'

export interface RiskPattern {
  category: RiskCategory
  level: Exclude<RiskLevel, 'none'>
  pattern: RegExp
  /** The pattern holds its own negation ("no reason to live"): a negator before it does not cancel it. */
  negative?: boolean
}

const KIN = '(?:partner|husband|wife|boyfriend|girlfriend|dad|father|mum|mom|mother|stepdad|stepfather|stepmom|stepmum|parents?|uncle|aunt|brother|sister|ex|boss|coach|teacher|carer|caregiver|grandpa|grandfather|cousin|flatmate|roommate)'
const ABUSER = `(?:he|she|they|my ${KIN}|${KIN})`
const PEOPLE = `(?:him|her|them|someone|somebody|people|everyone|anybody|anyone|my ${KIN}|my (?:baby|babies|kids?|child|children|son|daughter|neighbou?r|colleague|coworker|co-worker|classmate|friend)s?|the (?:guy|man|woman|kids?|teacher|neighbou?r|boss)|that (?:guy|man|woman|person))`
const SELF_METHODS = '(?:hang|hanging|overdose|overdosing|slit|slitting|jump|jumping|poison|poisoning|drown|drowning|shoot|shooting|starve|starving)'

export const RISK_PATTERNS: RiskPattern[] = [
  // Suicide: intent, plans and wishes to be dead.
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:kill|killing|killed|unalive|unaliving|hang|hanging|drown|drowning|poison|poisoning|shoot|shooting|off) myself\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bsuicid(?:e|al|ality)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bunalive\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:want|wanted|wanting|wish|wished|going|planning|plan|planned|decided|ready|tempted|think about|thinking about|thought about|thought of|thinking of|feel like|feeling like) (?:to |of |about )?(?:just )?(?:die|dying|be dead|being dead|end it all|ending it all|(?:end|ending) it(?= ?(?:$|[.!?,]|now|tonight))|end my life|ending my life|take my (?:own )?life(?! (?:in|into|back|seriously|forward|to|more))|taking my (?:own )?life(?! (?:in|into|back|seriously|forward|to|more))|not exist|not existing|not be here|disappear forever|never wake up|not wake up|kill myself|killing myself)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bend(?:ing)? (?:it all|my life|it tonight|it today|it soon|everything tonight)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\btake my (?:own )?life\b(?! (?:in|into|back|seriously|forward|to|more))/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:better off|happier|better|easier) (?:dead|without me|if i (?:was|were|be)(?: not| n't| nt)? (?:here|around|alive|gone|dead))\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\b(?:no|not any|nt any|n't any) (?:reason|point) (?:to|in|of) (?:live|living|life|go on|going on|be here|being here|be alive|being alive|wake up|waking up|carry on|carrying on|exist|existing)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bwhat(?:'s| is| be) the point (?:of|in) (?:live|living|life|go on|going on|wake up|waking up|being here|being alive|carrying on)\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\b(?:not|nt|n't|never) see (?:the|any) point (?:of|in) (?:live|living|life|go on|going on|wake up|waking up|be here|being here|be alive|being alive|anything|exist|existing|carry on|carrying on)\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\b(?:not|nt|n't|no longer) (?:want|wish) to (?:live|be alive|be here|exist|wake up|be around|keep living|keep going|go on(?= ?(?:anymore|like this|living|$|[.,!?])))\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:wish|hope|hoping|wishing) (?:that )?i (?:was|were|be|had|would|could|'d) (?:just )?(?:dead|die|never been born|never born|never bear|not born|not be born|not here|disappear|not wake up|sleep forever|gone)\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\b(?:hope|wish|hoping|wishing) i (?:do not|don't|do nt|never|not) wake up\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\b(?:go|going) to sleep and (?:never|not) wake up\b/ },
  { category: 'self_harm', level: 'crisis', negative: true, pattern: /\bnothing (?:left )?to live for\b|\b(?:lost|losing|lose|no) (?:the |my )?will to live\b|\bnot worth living\b/ },
  { category: 'self_harm', level: 'crisis', pattern: new RegExp(`\\b${SELF_METHODS} (?:off|from|in front of) (?:a |the |my )?(?:bridge|building|roof|train|car|cliff|balcony|window)\\b`) },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:stockpil|sav|collect|hoard)(?:e|ed|ing) (?:up )?(?:my |some |all )?(?:pills|tablets|meds|medication)\b|\b(?:took|take|taking|swallow|swallowed) (?:all|a bunch of|too many|a whole bottle of|the whole bottle of) (?:my |the |of my )?(?:pills|tablets|meds|medication|sleeping pills)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:overdose|overdosing|overdosed|noose|slit my wrists?)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:wrote|written|writing|write) (?:a |my )?(?:suicide |goodbye )?(?:note|letter)s? (?:to|for) (?:my |everyone)/ },
  // Self-injury.
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving|scratch|scratching|punish|punishing) myself\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bself (?:harm|harming|harmed|injury|injuring|injure|mutilation)\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\b(?:been|started|start|keep|kept|back to|relapsed|relapse|relapsing|stop) (?:cutting|burning myself|hurting myself|harming myself|scratching myself)\b|\bcutting again\b|\bcut again\b/ },
  { category: 'self_harm', level: 'crisis', pattern: /\bcut (?:my|into my) (?:arms?|wrists?|legs?|thighs?|skin|stomach)\b|\b(?:fresh )?cuts on my (?:arms?|wrists?|legs?|thighs?)\b/ },
  // Hopelessness and being a burden: not a plan, but worth the resources.
  { category: 'self_harm', level: 'elevated', pattern: /\b(?:i|i'm|im|i am|feel|feeling|felt) (?:so |completely |totally |really |just |such )?(?:worthless|hopeless|like a burden|a burden to everyone|a burden)\b(?! (?:at|with|in|when it comes)\b)/ },
  { category: 'self_harm', level: 'elevated', pattern: /\bwant to (?:just )?(?:disappear|vanish)(?: forever)?\b(?! (?:into|in|for|to|on|from)\b)/ },
  { category: 'self_harm', level: 'elevated', negative: true, pattern: /\b(?:can not|cannot|can't|can nt|ca nt|cant) (?:go on|take (?:it|this) (?:any ?more|anymore)|keep going|do this anymore|live like this|cope anymore)\b/ },

  // Harming others.
  { category: 'harm_to_others', level: 'crisis', pattern: new RegExp(`\\b(?:want|wanted|wanting|going|gonna|plan|planning|planned|about|tempted|thinking about|think about|thought about|feel like|ready|urge|urges) (?:to )?(?:kill|killing|murder|murdering|hurt|hurting|harm|harming|stab|stabbing|shoot|shooting|strangle|strangling|poison|poisoning|beat up|beating up|attack|attacking|choke|choking) ${PEOPLE}\\b`) },
  { category: 'harm_to_others', level: 'crisis', pattern: new RegExp(`\\bthoughts? (?:of|about) (?:hurting|harming|killing|stabbing|shooting) ${PEOPLE}\\b`) },
  { category: 'harm_to_others', level: 'crisis', pattern: /\b(?:bring|bringing|brought|take|taking|took) (?:a |my )?(?:gun|knife|weapon|rifle) (?:to|into) (?:school|work|class|the office|church)\b/ },

  // Abuse: being hurt, threatened or unsafe.
  { category: 'abuse', level: 'crisis', pattern: new RegExp(`\\b${ABUSER} (?:\\w+ )?(?:hit|hits|hitting|beat|beats|beating|kick|kicks|kicked|kicking|choke|chokes|choked|choking|strangle|strangles|strangled|slap|slaps|slapped|punch|punches|punched|shove|shoves|shoved|push|pushes|pushed|rape|rapes|raped|abuse|abuses|abused|burn|burns|burned|grab|grabs|grabbed|force|forces|forced) me\\b(?! (?:at|in|to|on|up|off|into doing better)\\b)`) },
  { category: 'abuse', level: 'crisis', pattern: new RegExp(`\\b${ABUSER} (?:\\w+ )?(?:touch|touches|touched|touching) me (?:when|where|at night|inappropriately|there|down there|and|without)\\b`) },
  { category: 'abuse', level: 'crisis', pattern: /\b(?:i'm|i am|im|i was|i've been|i have been|being|been|got|get|getting|was) (?:\w+ )?(?:abused|raped|sexually assaulted|assaulted|molested|beaten up|choked|strangled|trafficked|groomed)\b/ },
  { category: 'abuse', level: 'crisis', pattern: /\bthreat(?:en|ens|ened|ening)? (?:to )?(?:kill|hurt|hit|beat|stab|shoot) me\b|\b(?:scared|afraid|terrified|frightened) (?:that )?(?:he|she|they)(?:'ll| will| is going to| might| would|'s going to) (?:kill|hurt|hit|beat) me\b/ },
  { category: 'abuse', level: 'elevated', negative: true, pattern: /\b(?:not|nt|n't|never) (?:feel )?safe (?:at home|with (?:him|her|them|my \w+)|in my (?:own )?(?:home|house))\b/ },
  { category: 'abuse', level: 'elevated', pattern: new RegExp(`\\b(?:scared|afraid|terrified|frightened) of my ${KIN}(?= ?(?:$|[.!,;]|and\\b|because\\b|when\\b|he\\b|she\\b))`) },
  { category: 'abuse', level: 'elevated', pattern: /\b(?:locks?|locked|locking) me (?:in|up|out)\b|\bwon't let me (?:leave|see my|go out|have my)\b|\b(?:controls|takes|took) (?:all )?my (?:money|phone|passport)\b/ }
]

/** Talk about films, books and news: a risk word there is not the user's own risk. */
export const MEDIA_CONTEXT = /\b(?:movie|movies|film|films|show|series|episode|documentary|news|article|book|novel|character|song|lyrics|video game|podcast|play|headline|report|reported|essay|research|lecture|history|celebrity|actor|actress|prevention|awareness)\b/

/** First-person words that make a media-context match the user's own after all. */
export const FIRST_PERSON = /\b(?:i|i'm|im|me|my|myself)\b/
