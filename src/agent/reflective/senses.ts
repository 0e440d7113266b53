// Word senses the listener must not misread: set phrases rewritten before topics and feelings are looked for.

const REWRITES: Array<[RegExp, string]> = [
  // Losing a job, keys or one's temper is not a bereavement.
  [/\b(lost|lose|losing) (my|the|our) (job|work|position|contract)\b/g, 'was laid off'],
  // "I lost my keys and my job": the job is lost too, not only the keys.
  [/\b(lost|lose|losing) (my|the) (keys|phone|wallet|purse|bag) (and|&) (my|the) (job|work)\b/g, 'misplaced it and was laid off'],
  [/\b(lost|lose|losing) (my|the) (keys|phone|wallet|purse|bag|temper|cool|mind|way|voice|appetite|motivation|nerve|train of thought|patience|focus|place)\b/g, 'misplaced it'],
  [/\b(bored|scared|sick|tired|worried|frightened) to death\b/g, 'very $1'],
  [/\bdying (to|for)\b/g, 'eager $1'],
  [/\b(killing it|killed it|nailed it)\b/g, 'did well'],
  // Retired, not working, "it is not work": not the pressure of a job.
  [/\b(i'm|i am) (retired|not working( any ?(longer|more))?|no longer working)\b|\bi retired\b|\bi (don't|do not) have a job\b/g, 'i am not employed'],
  [/\b(it's|it is|its) not (the )?(work|job)\b/g, 'it is something else'],
  [/\b(he's|she's|he is|she is|they're|they are) (at|out at|off to) (work|the office)\b/g, 'they are out'],
  // Someone else's work or school ("some bloke from her work") is not the user's.
  [/\b(his|her|their) (work|job|office|boss|school|class|exams?)\b/g, 'their place'],
  [/\b(post|box|head|ticket|doctor's|dentist's|tax) office\b/g, 'place'],
  // Coming home from work is a time of day, and a family doctor a doctor: not the job, not the family.
  [/\b(home|back) from (work|the office)\b|\b(after|before) work\b|\bon (my|the) way (to|from|home from) work\b/g, 'later in the day'],
  [/\bfamily (doctor|physician|gp|practice|medicine)\b/g, 'doctor'],
  // A late husband has died: grief, not a relationship to ask about.
  [/\bmy late (husband|wife|partner|mother|father|mum|mom|dad|son|daughter|brother|sister|friend)\b/g, 'my $1 who died'],
  // "I can't stop crying": crying a lot, not crying denied.
  [/\b(can't|cannot|can not|couldn't|could not) stop (crying|shaking|worrying|thinking|panicking|overthinking|shivering)\b/g, 'keep $2'],
  // "I'm afraid" as a courtesy ("there is no 'lately', I'm afraid"), not fear.
  [/,? (i'm|i am) afraid(?=[.,!;]|$)|\b(i'm|i am) afraid (so|not)\b/g, ''],
  // "I don't work", "it doesn't work", "it'll work out", "I work out": not the pressure of a job.
  [/\bi (don't|do not|no longer|dont) work\b/g, 'i am not employed'],
  [/\b(doesn't|does not|didn't|did not|won't|will not|never|don't) (really )?work\b/g, 'is no use'],
  [/\bwork(s|ed|ing)? (it |things |this |that )?out\b/g, 'sort things out'],
  [/\b(if (that|it) helps|hope (that|this) helps)\b/g, ''],
  [/\bthe better part of\b/g, 'most of'],
  [/\b(better safe than sorry|better late than never)\b/g, ''],
  [/\b(feel|feeling) (down|under) the weather\b/g, 'feeling unwell']
]

/** The message with set phrases rewritten into plain words that carry their sense. */
export function plainSense (text: string): string {
  let plain = text
  for (const [pattern, replacement] of REWRITES) plain = plain.replace(pattern, replacement)
  return plain.replace(/\s+/g, ' ').trim()
}
