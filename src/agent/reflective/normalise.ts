// The user's words as the listener reads them: lower case, straight apostrophes, texting shorthand spelled out.

const SHORTHAND: Array<[RegExp, string]> = [
  [/[’‘`]/g, "'"],
  [/\b(im|i'm|iam)\b/g, "i'm"],
  [/\bive\b/g, "i've"],
  [/\byoure\b/g, "you're"],
  [/\btheyre\b/g, "they're"],
  [/\b(thats)\b/g, "that's"],
  [/\b(whats)\b/g, "what's"],
  [/\bhes\b/g, "he's"],
  [/\bshes\b/g, "she's"],
  [/\bidk\b/g, "i don't know"],
  [/\b(dont|don't|dnt)\b/g, "don't"],
  [/\b(cant|can't|cnt)\b/g, "can't"],
  [/\b(doesnt|doesn't)\b/g, "doesn't"],
  [/\b(didnt|didn't)\b/g, "didn't"],
  [/\b(isnt|isn't)\b/g, "isn't"],
  [/\b(wont|won't)\b/g, "won't"],
  [/\b(wasnt|wasn't)\b/g, "wasn't"],
  [/\b(wat|wht|whta)\b/g, 'what'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\br\b/g, 'are'],
  [/\b(rn)\b/g, 'right now'],
  [/\b(tbh|ngl|fr|lowkey|highkey|istg|smh)\b/g, ''],
  [/\b(lol|lmao|lmfao|rofl|haha+|hehe+|xd)\b/g, ''],
  [/\b(gonna)\b/g, 'going to'],
  [/\b(wanna)\b/g, 'want to'],
  [/\b(gotta)\b/g, 'have to'],
  [/\b(cuz|coz|bc)\b/g, 'because'],
  [/\b(pls|plz)\b/g, 'please'],
  [/\bsoo+\b/g, 'so']
]

const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu

/** Lower case, shorthand spelled out, laughter markers and emoji dropped, spaces collapsed. */
export function normalise (raw: string): string {
  let text = raw.toLowerCase()
  for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement)
  return text.replace(EMOJI, ' ').replace(/\s+/g, ' ').replace(/\s+([.,!?;])/g, '$1').trim()
}

/** The emoji in a message, in order. */
export function emojiOf (raw: string): string[] {
  return raw.match(/\p{Extended_Pictographic}/gu) ?? []
}
