// "Kids Help Phone? is that a thing": a helpline the user names, confirmed with how to reach it.

/** Helplines people name, and what to say about each: real, free, how to reach it. */
const SERVICES: Array<[RegExp, string]> = [
  [/\bkids help ?phone\b/, 'Yes, Kids Help Phone is real: free, confidential and open any time, for young people in Canada. You can call 1-800-668-6868 or text CONNECT to 686868, and you don\'t have to be in crisis to use it.'],
  [/\bkids ?helpline\b/, 'Yes, Kids Helpline is real: free and open any time for anyone 5 to 25 in Australia, on 1800 55 1800 or by webchat at kidshelpline.com.au.'],
  [/\bchildline\b/, 'Yes, Childline is real: free, confidential and open any time for young people, on 0800 1111 in the UK (1800 66 66 66 in Ireland), or by 1-to-1 chat on its website.'],
  [/\byoung ?minds\b/, 'Yes, YoungMinds is real: its Parents Helpline (0808 802 5544) gives parents in the UK free advice, and its website has guides for young people too.'],
  [/\bsamaritans\b/, 'Yes, Samaritans is real: free and open any time, on 116 123 in the UK and Ireland, for anything that is weighing on you, not only a crisis.'],
  [/\bcrisis text line\b|\b741741\b/, 'Yes, Crisis Text Line is real: text HOME to 741741 in the US, free and any time, and a trained volunteer texts back.'],
  [/\bbodywhys\b/, 'Yes, Bodywhys is real: the eating disorders association of Ireland, with a helpline on 01 2107906 and online support groups.'],
  // Only Beat by name: "he beat me, is there a helpline?" is not about the charity.
  [/\bbeat eating disorders\b|\b(heard of|called|about|what is|is) beat\b(?! (me|him|her|them|up|myself))/, 'Yes, Beat is real: the UK\'s eating disorder charity, with a free helpline on 0808 801 0677.'],
  [/\b(the )?trevor project\b/, 'Yes, the Trevor Project is real: free and any time for LGBTQ+ young people in the US, on 1-866-488-7386 or by texting START to 678-678.']
]

/** Asked whether it exists or is any good, not just mentioned. */
const ASKED = /\?|\b(is (that|it) (a thing|real|legit|any good|ok|okay|for me)|have you heard of|do you know)\b/

/** The confirmation of a helpline the user names and asks about, or undefined. */
export function namedService (text: string): string | undefined {
  if (!ASKED.test(text)) return undefined
  return SERVICES.find(([name]) => name.test(text))?.[1]
}
