// The risk screen's word classes, as regular-expression fragments over a message's words (see
// text.ts: lower case, single spaces, contractions said in full, punctuation as its own token).
// Kept apart from the rules so that a clinician can review each list on its own.

export const any = (...parts: string[]): string => `(?:${parts.join('|')})`

/** Up to `n` words between two parts of a frame, within one sentence. */
export const gap = (n: number): string => `(?: [^ .!?;]+){0,${n}}`

/** Some words, in the same sentence, in either order. */
export const near = (a: string, b: string, n = 6): string => any(`${a}${gap(n)} ${b}`, `${b}${gap(n)} ${a}`)

export const I = any('i', 'i am', 'i have', 'i will', 'i would', 'me', 'my', 'myself')
export const BE = any('am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', "'s")
export const KIN = any(
  'partner', 'husband', 'wife', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'dad', 'father', 'mom', 'mother',
  'step dad', 'step mom', 'parents?', 'uncle', 'aunt', 'brother', 'sister', 'ex', 'ex husband', 'ex wife',
  'ex boyfriend', 'ex girlfriend', 'boss', 'manager', 'coach', 'teacher', 'tutor', 'carer', 'caregiver', 'caretaker',
  'aide', 'nurse', 'grandpa', 'grandfather', 'grandma', 'grandmother', 'cousin', 'flatmate', 'roommate', 'landlord',
  'pastor', 'priest', 'neighbou?r', 'babysitter', 'son', 'daughter', 'grandson', 'granddaughter', 'nephew', 'niece',
  "mom 's boyfriend", "mum 's boyfriend", "dad 's girlfriend", 'family friend', 'youth leader', 'instructor', 'trainer',
  'man', 'guy', 'spouse', 'in laws?', 'father in law', 'mother in law', 'brother in law', 'employer', 'son in law', 'daughter in law', 'stepbro', 'step brother', 'step sister', 'grandad', 'granddad'
)
/** Someone who may be hurting the writer: a pronoun or a person in their life. */
export const ABUSER = any('he', 'she', 'they', `(?:my|our|the|his|her) ${KIN}`, `${KIN}`)
/** Someone the writer may hurt. */
export const TARGET = any(
  'him', 'her', 'them', 'someone', 'somebody', 'people', 'everyone', 'everybody', 'anybody', 'anyone',
  'that (?:guy|man|woman|person|girl|boy|kid|bitch|bastard|prick)', 'this (?:guy|man|woman|person|girl|boy|kid)',
  `(?:my|his|her|our|the|that) ${KIN}s?`, '(?:my|his|her|our|the|that) (?:baby|babies|kids?|child|children|toddler|newborn|infant|students?|pupils?|classmates?|colleagues?|coworkers?|co workers?|friends?|family|neighbou?rs?|cat|dog)',
  'the (?:guy|man|woman|kids?|girl|boy|people|teacher|neighbou?rs?|boss|bully|bullies|class|whole class|school)',
  'all of them', 'each of them', 'those (?:people|guys|kids|girls|boys)', 'you'
)
/** Wanting, intending or deciding to act. */
export const INTENT = any(
  'want to', 'wanted to', 'wanting to', 'want', 'wish i could', 'going to', 'gonna', 'will', 'would', 'plan to',
  'planning to', 'planned to', 'plan on', 'planning on', 'ready to', 'decided to', 'about to', 'intend to',
  'thinking about', 'thinking of', 'think about', 'thought about', 'thought of', 'fantasi[sz]e about',
  'fantasi[sz]ing about', 'urges? to', 'tempted to', 'try to', 'trying to', 'tried to', 'swear i will',
  'really want to', 'so close to', 'close to', 'considering',
  'contemplating', 'just want to', 'feel like', 'feeling like'
)
/** Ending one's own life, said in full. */
export const END_OWN_LIFE = any(
  'kill myself', 'killing myself', 'killed myself', 'unalive myself', 'unalive', 'off myself', 'offing myself',
  'end my life', 'ending my life', 'end it all', 'ending it all', 'end it', 'ending it', 'end everything',
  'take my (?:own )?life', 'taking my (?:own )?life', 'commit suicide', 'committing suicide', 'do it',
  'go through with it', 'end things', 'end this', 'finish it', 'finish myself', 'check out', 'not be here',
  'hang myself', 'hanging myself', 'shoot myself', 'shooting myself', 'drown myself', 'poison myself',
  'overdose', 'od', 'jump', 'rope', 'suicide'
)
/** A means or place of suicide. */
export const MEANS = any(
  'rope', 'ropes', 'noose', 'belt', 'cord', 'ligature', 'bridge', 'overpass', 'flyover', 'rooftop', 'roof', 'ledge',
  'cliff', 'top floor', 'balcony', 'train', 'trains', 'tracks', 'railway', 'subway', 'metro', 'exhaust',
  'carbon monoxide', 'charcoal', 'gun', 'guns', 'pistol', 'rifle', 'shotgun', 'firearm', 'bullet', 'trigger',
  'pills', 'tablets', 'meds', 'medication', 'sleeping pills', 'painkillers', 'tylenol', 'paracetamol',
  'acetaminophen', 'ibuprofen', 'advil', 'xanax', 'oxy', 'oxycodone', 'fentanyl', 'insulin', 'antifreeze',
  'bleach', 'poison', 'rat poison', 'razor', 'razors', 'blade', 'blades', 'knife', 'knives', 'scissors',
  'river', 'lake', 'sea', 'ocean', 'traffic', 'highway', 'freeway', 'motorway', 'oncoming', 'garage',
  'whole bottle', 'the bottle', 'medicine cabinet', 'stash', 'lethal dose', 'fatal dose'
)
/** Swallowable means: pills and the like. */
export const PILLS = any(
  'pills', 'pill', 'tablets', 'meds', 'medication', 'medications', 'medicine', 'sleeping pills', 'painkillers',
  'tylenol', 'paracetamol', 'acetaminophen', 'ibuprofen', 'advil', 'aspirin', 'xanax', 'oxy', 'oxycodone',
  'fentanyl', 'antidepressants', 'sertraline', 'zoloft', 'prozac', 'benadryl', 'melatonin', 'insulin',
  'sleeping tablets', 'bottle', 'pack', 'packet', 'blister pack', 'prescription', 'lithium', 'seroquel',
  'quetiapine', 'lorazepam', 'diazepam', 'valium', 'ambien', 'painkiller', 'opioids', 'heroin', 'drugs'
)
/** Heights and places one could fall or jump from. */
export const HEIGHT = any(
  'bridge', 'overpass', 'flyover', 'roof', 'rooftop', 'building', 'ledge', 'cliff', 'balcony', 'window',
  'top floor', 'parking garage', 'car park', 'tower', 'edge', 'floors?', 'stories', 'storeys', 'height',
  'the top', 'high enough', 'dam', 'quarry'
)
/** Dying, death and no longer being: the object of a wish. */
export const DEATH = any(
  'die', 'dying', 'died', 'be dead', 'being dead', 'dead', 'death', 'not exist', 'not existing', 'stop existing',
  'cease to exist', 'cease existing', 'not be alive', 'not being alive', 'not be here', 'not being here',
  'not be around', 'be gone', 'be gone forever', 'disappear forever', 'disappear for good', 'disappear permanently',
  'vanish forever', 'vanish for good', 'never wake up', 'not wake up', 'fall asleep (?:and|&) never wake up',
  'sleep forever', 'sleep and never wake up', 'go to sleep forever', 'just stop', 'stop breathing',
  'not be born', 'never been born', 'never have been born', 'rest forever', 'be at peace forever',
  'be with (?:my )?(?:grandma|grandpa|mom|dad|mother|father|brother|sister|son|daughter|baby|angel)s? (?:in heaven|again|up there)',
  'join (?:my )?(?:grandma|grandpa|mom|dad|mother|father|brother|sister|son|daughter)', 'go to heaven',
  'not have to wake up', 'be erased', 'be deleted', 'stop living', 'not be living', 'not live', 'be six feet under',
  'unalive', 'be unalive', 'suicide'
)
/** A person's body, as self-injury names it. */
export const BODY = any(
  'arms?', 'wrists?', 'legs?', 'thighs?', 'skin', 'stomach', 'belly', 'hips?', 'hands?', 'fingers?', 'head',
  'face', 'body', 'chest', 'ankles?', 'shoulders?', 'forearms?', 'veins?', 'flesh', 'knuckles'
)
/** Tools of self-injury. */
export const SHARP = any(
  'blade', 'blades', 'razor', 'razors', 'sharpener', 'pencil sharpener', 'knife', 'knives', 'scissors',
  'compass', 'broken glass', 'shard', 'lighter', 'box cutter', 'boxcutter', 'safety pin', 'pin', 'needle',
  'paperclip', 'shaving razor'
)
/** Self-injury acts. */
export const INJURE = any(
  'cut', 'cuts', 'cutting', 'burn', 'burns', 'burned', 'burnt', 'burning', 'scratch', 'scratches', 'scratched',
  'scratching', 'bang', 'banged', 'banging', 'slam', 'slammed', 'slamming', 'hit', 'hits', 'hitting', 'punch',
  'punched', 'punching', 'bite', 'bit', 'biting', 'carve', 'carved', 'carving', 'pick', 'picked', 'picking',
  'stab', 'stabbed', 'stabbing', 'hurt', 'hurts', 'hurting', 'harm', 'harmed', 'harming', 'punish', 'punished',
  'punishing', 'slice', 'sliced', 'slicing', 'slit', 'bruise', 'bruised', 'bruising', 'pinch', 'pinching'
)
/** Acts of violence against someone. */
export const VIOLENCE = any(
  'kill', 'killing', 'murder', 'murdering', 'hurt', 'hurting', 'harm', 'harming', 'stab', 'stabbing', 'shoot',
  'shooting', 'strangle', 'strangling', 'choke', 'choking', 'poison', 'poisoning', 'beat up', 'beating up',
  'beat the shit out of', 'attack', 'attacking', 'punch', 'punching', 'smother', 'smothering', 'suffocate', 'drown',
  'slit', 'unalive', 'torture', 'knife', 'maim', 'run over', 'get rid of', 'batter', 'shake', 'assault', 'bash in'
)
/** Acts of abuse done to the writer: third person, present or past. */
export const ABUSE_ACT = any(
  'hits?', 'hitting', 'beats?', 'beat up', 'beating', 'beaten', 'kicks?(?! me out)', 'kicked(?! me out)', 'kicking(?! me out)', 'chokes?',
  'choked', 'choking', 'strangles?', 'strangled', 'strangling', 'slaps?', 'slapped', 'slapping', 'punch(?:es)?',
  'punched', 'punching', 'shoves?', 'shoved', 'shoving', 'push(?:es)?', 'pushed', 'pushing', 'rapes?', 'raped',
  'abuses?', 'abused', 'abusing', 'burns?', 'burned', 'grabs?', 'grabbed', 'grabbing', 'drags?', 'dragged',
  'pins?', 'pinned', 'throws? things at', 'threw (?:things|stuff|a \\S+) at', 'hurts?', 'hurting', 'attacks?',
  'attacked', 'smacks?', 'smacked', 'whips?', 'whipped', 'bites?', 'bit', 'headbutts?', 'headbutted',
  'knocks? .{0,10}down', 'knocked', 'bashes', 'bashed', 'twists? my', 'twisted my', 'spits? on', 'spat on',
  'pulls? my hair', 'pulled my hair', 'throws? me', 'threw me', 'slams? me', 'slammed me', 'beats on',
  'pinches', 'backhands?', 'backhanded', 'elbowed', 'squeezes? my (?:neck|throat)', 'squeezed my (?:neck|throat)',
  'strikes?', 'struck', 'batters?', 'battered', 'assaults?', 'assaulted', 'molests?', 'molested', 'gropes?', 'groped'
)
/** Time words that place an act now or soon. */
export const SOON = any(
  'tonight', 'today', 'tomorrow', 'now', 'right now', 'soon', 'this weekend', 'this week', 'on friday',
  'on saturday', 'on sunday', 'on monday', 'after (?:the|my|this|everyone|they|he|she|school|work|exams?|christmas|new year)',
  'when (?:everyone|they|he|she|my \\S+) (?:is|are|goes|go|leaves?|falls?) (?:asleep|out|to sleep|to bed|away|home)',
  'before (?:my|the) (?:birthday|exam|court|trial|results?)', 'on my birthday', 'at midnight', 'in an hour',
  'in a few (?:hours|days)', 'by (?:the )?(?:morning|weekend|friday|end of the week)', 'this time', 'next week'
)
/** Laughing and joking markers: a figure of speech when the topic is also trivial. */
export const JOKE = any('lol', 'lmao', 'lmfao', 'haha+', 'hahaha+', 'hehe', 'jk', 'just kidding', 'kidding', 'joking', 'rofl', 'xd', 'metaphorically', 'figuratively', 'not literally')
