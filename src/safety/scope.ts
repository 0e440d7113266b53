// What around a risk phrase makes it not the writer's own present risk: talk about a film, a game or
// a class; a past that is resolved; someone else's feelings; a joke about homework.
import { JOKE, any } from './lexicon.ts'
import type { ReadText } from './text.ts'

const rx = (source: string): RegExp => new RegExp(`\\b${source}\\b`)

/** Films, books, news, games, study: a risk word there is usually not the writer's own risk. */
const MEDIA_OR_STUDY = rx(any(
  'movie', 'movies', 'film', 'films', 'show', 'series', 'episode', 'season', 'documentary', 'news', 'article',
  'book', 'books', 'novel', 'chapter', 'character', 'characters', 'song', 'songs', 'lyrics', 'album', 'anime',
  'manga', 'podcast', 'headline', 'reported', 'essay', 'thesis', 'dissertation', 'research',
  'lecture', 'course', 'module', 'psych class', 'psychology class', 'seminar', 'assignment', 'statistics', 'stats', 'rates',
  'studying', 'studies', 'psychology', 'psych class', 'nursing', 'training', 'workshop', 'volunteer',
  'volunteering', 'prevention', 'awareness', 'true crime', 'play', 'poem', 'poetry', 'scene', 'plot', 'villain',
  'protagonist', 'actor', 'actress', 'celebrity', 'history', 'game', 'games', 'gaming', 'boss fight', 'level',
  'npc', 'quest', 'raid', 'ranked', 'match', 'respawn', 'pvp', 'gta', 'fortnite', 'minecraft', 'valorant',
  'call of duty', 'cod', 'zelda', 'elden ring', 'dark souls', 'dnd', 'd&d', 'campaign', 'dungeon master',
  'skyrim', 'roblox', 'among us', 'overwatch', 'apex', 'league', 'sims', 'tv', 'netflix', 'hbo', 'reading',
  'read about', 'wrote about', 'writing about', 'fanfic', 'fanfiction', 'story', 'stories', 'short story', 'screenplay',
  'teaching', 'curriculum', 'presentation', 'survey', 'data', 'literature', 'hamlet', 'shakespeare'
))

/** First-person words: a match in the writer's own voice still counts in such talk. */
const FIRST_PERSON = /^(?:i|me|my|myself|am|mine)$/
/** The writer as the one who feels or acts (not "my essay", "my character"). */
const FIRST_PERSON_SUBJECT = /^(?:i|me|myself|am)$/

/** The writer speaks of a resolved past... */
const PAST = rx(any(
  'used to', 'years ago', 'months ago', 'a year ago', 'long time ago', 'long ago', 'when i was (?:a |in |younger|little|\\d+|fifteen|sixteen|seventeen|fourteen|thirteen|twelve|a teen|a teenager|a kid|in school|in high school)',
  'in (?:19|20)\\d\\d', 'back in', 'as a (?:teen|teenager|kid|child)', 'in the past', 'in my teens', 'in high school',
  'in college', 'at uni', 'in my twenties', 'at (?:\\d+|fifteen|sixteen|seventeen|fourteen|thirteen)', 'once upon a time',
  'during my', 'i was (?:\\d+|fifteen|sixteen|seventeen|fourteen|thirteen)', 'old scars', 'last year', 'first year',
  '(?:years|months|a year) since', 'back then', 'years clean', 'years free',
  'months clean', 'years sober', 'anniversary', 'since then', 'that was', 'a few years back', 'years back', 'ages ago',
  'a decade ago', 'in my early', 'old habit', 'during (?:secondary|high|middle|primary) school', 'when i was (?:a )?teenager',
  'when i was young', 'from when i was', 'decades?', 'over a decade', 'as a teenager', 'at like \\d+', 'before,'
))
/** ...that is over: recovery, relief, pride. */
const RECOVERY = rx(any(
  'clean', 'recovered', 'recovering', 'recovery', 'better now', 'glad (?:i am|i am still|to be|i stayed|i survived|i did not|that i)',
  'still here', 'not anymore', 'no longer', 'do not anymore', 'have not since', 'got help', 'therapy helped', 'these days i',
  'now i am', 'i am (?:ok|okay|fine|doing well|happy|better|good|safe|proud|grateful|healthy|stable) now', 'proud', 'celebrat\\w*',
  '(?:been|felt) (?:ok|okay|fine|good|well|better|safe|stable|happy) (?:for (?:years|months|a long time|ages|a while|a few years)|since|ever since)',
  'milestone', 'grateful', 'thankful', 'survived', 'made it', 'came through', 'doing (?:so much )?better', 'in a good place',
  'healed', 'past that', 'behind me', 'got through', 'overcame', 'overcome', 'sober', 'stopped', 'quit', 'haven t',
  'have not (?:cut|self harmed|hurt myself|relapsed)', 'not since', 'i am alive', 'happy to be alive', 'good place', 'stable',
  'well', 'i am now', 'now \\d+', 'feel strong', 'not doing (?:this|it)', 'it has been', 'tender', 'process', 'content',
  'past (?:seventy|eighty|ninety|\\d+)', 'memories', 'stirred up', 'got me through', 'thriving', 'i am happy(?! to)', 'happy now',
  'now i have (?:a (?:family|job|kid|husband|wife|partner|daughter|son|baby|dog|career)|kids|children|family|grandchildren)',
  '(?:does|can|it) get(?:s)? better', 'now i recover', 'recoverd now', 'now i (?:mentor|work|help|teach|run)',
  '(?:therapy|treatment|medication|my (?:dog|cat|kids|family|wife|husband|therapist|friends?)) (?:genuinely |really |honestly )?saved me'
))
/** Anything that puts a risk back in the present. */
const PRESENT = rx(any(
  'again', 'lately', 'recently', 'these days', 'right now', 'tonight', 'today i (?:want|wanted|feel|felt|cut|hurt|took|tried|thought|almost|nearly)',
  'this week', 'this weekend', 'starting to', 'started again', 'coming back', 'came back', 'back again',
  '(?<!(?:without|no|avoid|avoiding|prevent|preventing) )relapse', 'relapsed', 'urge', 'urges', 'miss it', 'craving',
  'cravings', 'tempted', 'want to (?:again|so bad)', 'thinking about it', 'creeping back', 'still want', 'still think',
  'still feel', 'still have (?:the )?(?:urges|thoughts)', 'now i want', 'wish i had', 'should have finished', 'wish it had worked',
  'wish i had succeeded', 'wish i had died', 'again and again', 'worse', 'every day', 'every night', 'all the time'
))

/** Someone other than the writer as the subject of a phrase. */
const THIRD_PARTY = /^(?:laptop|phone|battery|car|computer|printer|plant|plants|tv|wifi|engine|router|console|fridge|he|she|they|him|her|them|his|their|someone|somebody|people|person|friend|friends|sister|brother|mom|dad|mother|father|son|daughter|kid|kids|child|children|cousin|boyfriend|girlfriend|husband|wife|partner|roommate|flatmate|classmate|student|students|client|clients|patient|patients|colleague|coworker|uncle|aunt|grandma|grandpa|teen|teens|teenager|teenagers|character|narrator|protagonist|guy|girl|man|woman|men|women|everyone|anyone|others|niece|nephew|neighbor|neighbour|ex|bestie|mate|fiance|stepdad|stepmom|parents|family|member|members|survivor|survivors|victim|victims|veterans?|soldiers?|users?)$/
const SENTENCE_ENDS = new Set(['.', '!', '?', ';'])

/** Jokes about trivial things: "kms this homework lol" is a figure of speech. */
const TRIVIAL = rx(any(
  'homework', 'exam', 'exams', 'test', 'quiz', 'class', 'lecture', 'meeting', 'meetings', 'monday', 'mondays', 'traffic',
  'shift', 'commute', 'essay', 'assignment', 'deadline', 'group project', 'project', 'cringe', 'embarrass\\w*', 'awkward',
  'spreadsheet', 'zoom', 'email', 'emails', 'presentation', 'queue', 'in line', 'this song', 'this game', 'math', 'maths',
  'chemistry', 'physics', 'calculus', 'biology', 'finals', 'midterms?', 'gym class', 'pe', 'tax', 'taxes', 'paperwork',
  'laundry', 'dishes', 'chores', 'sermon', 'wedding', 'speech', 'karaoke', 'dentist', 'hangover', 'hungover', 'heat',
  'weather', 'humidity', 'wifi', 'printer', 'computer', 'code', 'coding', 'bug', 'excel', 'powerpoint', 'slides', 'report',
  'customer', 'customers', 'retail', 'teams call', 'conference call', 'standup', 'this episode', 'spoilers?', 'fries',
  'pizza', 'if i have to', 'if i hear', 'if i see', 'one more', 'so boring'
))
const JOKING = rx(JOKE)
/** Words that make a message serious whatever jokes are in it. */
const GRAVE_WORDS = [
  'not joking', 'not kidding', 'i mean it', 'no joke', 'really want to',
  'tonight', 'pills', 'rope', 'bridge', 'gun', 'blade', 'razor', 'note', 'goodbye', 'plan', 'every day', 'all the time',
  'constantly', 'for weeks', 'for months', 'anymore', 'any more', 'everyone would', 'better off', 'burden', 'worthless',
  'hopeless', 'nobody would', 'no one would', 'therapist', 'hospital', 'depressed', 'depression', 'alone', 'lonely', 'empty',
  'numb', 'tired of', 'exhausted', 'hate myself', 'hate my life', 'can not do this', 'give up', 'tried'
]
const SERIOUS = rx(any(...GRAVE_WORDS, 'again'))
/** A petty offence done again ("she ate my food again lol") is still petty: only these make it grave. */
const GRAVE = rx(any(...GRAVE_WORDS))

/** Recovery said so plainly that it places self-harm in the past whatever else the message says. */
const RESOLVED = rx(any(
  '(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|many|several) (?:days?|weeks?|months?|years?|yrs?|mos?) (?:clean|free|sober|sh free|self harm free|without (?:cutting|self harm|hurting myself))',
  '(?:stopped|stoped|quit) (?:a )?long time ago', '(?:\\d+|twenty|thirty|ten|fifteen) years later', 'after my attempt in (?:19|20)\\d\\d', '(?:tapering|taper) (?:me )?off',
  '(?:clean|free) (?:from|of) (?:self harm|cutting|sh|self injury|hurting myself)', '(?:years|months|a year|five years|two years) of recovery',
  'recovery from (?:self harm|cutting|self injury)', 'since i last (?:hurt|cut|harmed|self harmed)', 'old (?:\\S+ ){0,3}scars',
  'older scars', 'scars (?:from|are) (?:years|old|when)', '\\d+ (?:yrs?|years?) old', '\\d+ year old self harm scars',
  'self harm era is over', 'it has been (?:over )?(?:a decade|years|decades)',
  // "haven't done it in 3 years", "haven't hurt myself since 2017", "now it is five years i do not do it".
  '(?:have not|did not|not) (?:done it|done that|cut|cut myself|hurt myself|harmed myself|self harmed|relapsed)(?: \\S+){0,2} (?:in|for) (?:(?:over|almost|nearly|about) )?(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|many|several) (?:years?|yrs?|months?)',
  '(?:have not|did not) (?:done it|done that|cut|cut myself|hurt myself|harmed myself|self harmed|relapsed) since (?:(?:19|20)\\d\\d|i was|school|uni|college|my teens)',
  '(?:it is|it has been|it s been|now it is) (?:(?:over|almost|nearly|about) )?(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|many|several) (?:years?|months?) (?:since i (?:last )?(?:did it|cut|hurt|harmed|self harmed)|i do not do it|i have not done it|without (?:it|cutting|hurting myself))'
))
const RELAPSE = rx(any('relapse', 'relapsed', 'relapsing', 'broke my', 'lost my streak', 'urges?', 'craving', 'tempted', 'want to (?:cut|hurt|again|so bad|so badly|do it)', 'miss (?:it|cutting)', 'starting again', 'started again',
  // "I was two years clean and I cut last night": the streak is over.
  '(?:cut|cutting|hurt|hurting|harmed|did it|burned|burnt|burning|scratched|scratching) (?:\\S+ ){0,2}(?:again|last night|tonight|today|this morning|yesterday)',
  'after (?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|many|several) (?:days?|weeks?|months?|years?|yrs?|mos?) (?:clean|free)',
  'was (?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|many|several) (?:days?|weeks?|months?|years?|yrs?|mos?) (?:clean|free)',
  '(?:ruined|ended|broke|reset|lost) (?:my |the )?(?:streak|clean time|sobriety|progress)'))

/** A screening question the writer answers: "the form asked about wanting to be dead and I put no". */
const SCREENING = /\b(?:asked|asks|asking|question|questions|questionnaire|screening|form|survey|checklist|assessment)\b(?: [^ .!?]+){0,4} (?:if|whether|about)\b/
const DENIAL = /\b(?:no|none|never|i do not|i did not|i have not|i put no|not at all|i am not)\b/
/** A misreading put right: "oh god no, 'I can't go on' was about the marathon". */
const CORRECTED = /^(?:oh |omg |lol |haha |wait )?(?:god |gosh |my god )?(?:,? )?(?:no|nah|nope|not like that)\b.{0,100}\b(?:was about|i was talking about|was referring to|was (?:just )?a joke|i was quoting)\b/
/** "When I said I can't do this anymore I meant the course, not like, life." */
const MEANT_NOT_LIFE = /\bi meant (?:the|my|this|that) [^ ,.]+(?: [^ ,.]+)?(?: ,)? (?:and )?not (?:like (?:, )?)?(?:my )?(?:life|living|dying|ending (?:it|my life)|killing myself|that)\b/

/** The misreading put right, with no "but" after it that takes it back. */
function meantNotLife (words: string): boolean {
  const at = words.search(MEANT_NOT_LIFE)
  return at >= 0 && !/\bbut\b/.test(words.slice(at))
}

/** Accidents of daily life: "cut myself chopping onions". */
const ACCIDENT = rx(any('cooking', 'chopping', 'slicing', 'peeling', 'my finger', 'my thumb', 'bagels?', 'opening a (?:tin|can|box|parcel)', 'onions?', 'shaving', 'accident', 'accidentally', 'by accident', 'slipped', 'tripped', 'paper cut', 'knife slipped', 'kitchen', 'gardening', 'fringe', 'bangs', 'my hair', 'haircut', 'plaster on', 'band aid on', 'woodwork', 'diy'))

/** Games and thrill sports: "I killed him in Fortnite", "bungee jump from a bridge". */
const PLAY = rx(any(
  'fortnite', 'mario kart', 'minecraft', 'roblox', 'uno', 'monopoly', 'scrabble', 'chess', 'board game', 'video game',
  'boss fight', 'respawn', 'blue shell', 'my character', 'level \\d+', 'bungee', 'cliff jump\\w*',
  'cliff diving', 'skydiving', 'parachute', 'climbing gym', 'harness', 'belay', 'diving board', 'high dive', 'zipline',
  'spicy chip', 'paintball', 'laser tag', 'airsoft', 'nerf', 'shooting club', 'target practice', 'range day'
))
const REAL_LIFE = rx(any('real life', 'irl', 'not the game', 'not in the game', 'for real', 'not joking', 'i mean it'))

/** Small children: a toddler who hits is not an abuser. */
const SMALL_CHILD = rx(any('toddler', '\\d years? old', 'is \\d years', 'small child', 'little one', 'gentle hands', 'tantrums?', 'baby', 'newborn', 'preschool', 'nursery'))

/** Ordinary parenting: a phone taken for bad grades is not coercive control. */
const PARENTING = rx(any('grades', 'grounded', 'grounding', 'curfew', 'homework', 'detention', 'report card', 'so unfair', 'unfair', 'chores', 'screen time', 'punishment', 'punished', 'school night', 'bedtime', 'allowance for', 'pocket money'))

/** Trivial offences: "I could kill him, he ate my fries". */
const TRIVIAL_OFFENCE = rx(any('ate (?:all )?my', 'eat my', 'eating my', 'used my', 'using my', 'took my charger', 'my charger', 'shampoo', 'fries', 'snacks', 'leftovers', 'spoil\\w*', 'finale', 'borrowed my', 'forgot my birthday', 'silent treatment', 'remote', 'netflix password', 'last slice', 'the last cookie', 'my seat'))

export interface MessageScope {
  media: boolean
  resolvedPast: boolean
  joking: boolean
  /** The writer answers a screening question in the negative, or puts a misreading right. */
  deniedScreening: boolean
  accident: boolean
  parenting: boolean
  /** A game or a thrill sport, with nothing saying it is real life. */
  play: boolean
  smallChild: boolean
}

/** The scope of a message, each part read from its words only when a rule first asks for it. */
export function readScope (text: ReadText): MessageScope {
  const words = text.words
  const once = <T>(read: () => T): () => T => {
    let value: T | undefined
    let known = false
    return () => {
      if (!known) { value = read(); known = true }
      return value as T
    }
  }
  const serious = once(() => SERIOUS.test(words))
  const trivial = once(() => TRIVIAL.test(words))
  const media = once(() => MEDIA_OR_STUDY.test(words))
  const resolvedPast = once(() => !RELAPSE.test(words) && (RESOLVED.test(words) || (PAST.test(words) && RECOVERY.test(words) && !PRESENT.test(words))))
  const joking = once(() => (TRIVIAL_OFFENCE.test(words) && !GRAVE.test(words)) ||
    (!serious() && ((JOKING.test(words) && trivial()) || (trivial() && /\b(?:if i have to|if i hear|if i see|one more)\b/.test(words)))))
  const deniedScreening = once(() => (SCREENING.test(words) && DENIAL.test(words)) || CORRECTED.test(words) || meantNotLife(words))
  const accident = once(() => ACCIDENT.test(words))
  const parenting = once(() => PARENTING.test(words))
  const play = once(() => PLAY.test(words) && !REAL_LIFE.test(words))
  const smallChild = once(() => SMALL_CHILD.test(words))
  return {
    get play () { return play() },
    get smallChild () { return smallChild() },
    get media () { return media() },
    get resolvedPast () { return resolvedPast() },
    get joking () { return joking() },
    get deniedScreening () { return deniedScreening() },
    get accident () { return accident() },
    get parenting () { return parenting() }
  }
}

/** In talk about a film, a game or a class, a phrase counts only in the writer's own voice. */
export function isOwnVoice (text: ReadText, index: number, matched: string): boolean {
  if (matched.split(' ').some(word => FIRST_PERSON_SUBJECT.test(word)) || /\bmy (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body|head)\b/.test(matched)) return true
  return text.tokens.slice(Math.max(0, index - 4), index).some(token => FIRST_PERSON_SUBJECT.test(token))
}

/**
 * The nearest subject before a phrase, in its sentence: "my friend said she wants to die" is about
 * someone else; "my mom thinks I want to die" is about the writer.
 */
const REPORTING = /^(?:said|says|told|tells|asked|asks|texted|wrote|posted|thinks|joked|jokes)$/

export function isAboutSomeoneElse (text: ReadText, index: number): boolean {
  // A match that opens with "I" is the writer's own, whoever was named before ("man, I have a plan"),
  // unless it is someone's words reported ("my sister told me I want to kill myself lol").
  const reported = text.tokens.slice(Math.max(0, index - 3), index).some(token => REPORTING.test(token))
  if (FIRST_PERSON_SUBJECT.test(text.tokens[index] ?? '') && !reported) return false
  for (let i = index - 1; i >= Math.max(0, index - 12); i--) {
    const token = text.tokens[i] as string
    if (SENTENCE_ENDS.has(token)) return false
    if (FIRST_PERSON.test(token)) return false
    if (THIRD_PARTY.test(token)) return true
  }
  return false
}

const ASKING = /^(?:ask|asks|asked|asking)$/
/** The question answered yes: "... and I said yes". */
const AFFIRMED = /\b(?:said|say|answered|told (?:him|her|them)|put|ticked) yes\b|\byes i (?:do|did|am|have)\b|\bthe answer is yes\b/

/**
 * A phrase inside a question the writer reports someone else asking: "you keep asking if I'm
 * suicidal", "the nurse asked whether I wanted to die". An answer that follows is read on its own.
 */
export function isReportedQuestion (text: ReadText, index: number): boolean {
  for (let i = index - 1; i >= Math.max(1, index - 6); i--) {
    const token = text.tokens[i] as string
    if (SENTENCE_ENDS.has(token)) return false
    if (token !== 'if' && token !== 'whether') continue
    const asking = text.tokens[i - 1] === 'me' ? i - 2 : i - 1
    if (!ASKING.test(text.tokens[asking] ?? '')) return false
    // "I asked if I could..." is the writer's own question, and may be about their own plan.
    if (FIRST_PERSON_SUBJECT.test(text.tokens[asking - 1] ?? '')) return false
    return !AFFIRMED.test(text.tokens.slice(index).join(' '))
  }
  return false
}
