// Where a rule can match at all: the words its pattern can begin with, and words one of which it
// needs further on. The screen tries a rule only at the words of a message that can begin it, and
// only when the message also holds a word it needs, instead of at every character of it.

const OPENERS = ['(?:', '(?<!', '(?<=']

/** The top-level alternatives of the group that opens `source` at `start` ("(?:a|b (?:c|d))"). */
function alternativesAt (source: string, start: number): { alternatives: string[], end: number } | undefined {
  const opener = OPENERS.find(candidate => source.startsWith(candidate, start))
  if (opener === undefined) return undefined
  const alternatives: string[] = []
  let depth = 0
  let from = start + opener.length
  for (let i = start; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') { i++; continue }
    if (char === '(') depth++
    else if (char === ')') {
      depth--
      if (depth === 0) {
        alternatives.push(source.slice(from, i))
        return { alternatives, end: i + 1 }
      }
    } else if (char === '|' && depth === 1) {
      alternatives.push(source.slice(from, i))
      from = i + 1
    }
  }
  return undefined
}

/** A word a pattern part begins with: whole (`exact`), or only its first letters. */
export interface StartWord { word: string, exact: boolean }

/** The literal letters an alternative begins with, or undefined when it can begin with anything. */
function literalStart (alternative: string): StartWord | undefined {
  const literal = /^[a-z']+/.exec(alternative)?.[0]
  if (literal === undefined) return undefined
  const next = alternative[literal.length]
  // A word ends at a space, at the end of the alternative or at a word boundary.
  if (next === undefined || next === ' ' || (next === '\\' && alternative[literal.length + 1] === 'b')) return { word: literal, exact: true }
  // "pills?" or "haha+" make the last letter optional or repeatable: keep the letters before it.
  const word = next === '?' || next === '*' || next === '{' ? literal.slice(0, -1) : literal
  return word === '' ? undefined : { word, exact: false }
}

/**
 * The word prefixes a pattern can begin with, or undefined when it cannot tell (the pattern is then
 * always tried). Patterns here open with `\b`, maybe a look-behind, then a word or a group of words.
 */
export function startingWords (source: string): StartWord[] | undefined {
  let at = source.startsWith('\\b') ? 2 : 0
  while (source.startsWith('(?<!', at) || source.startsWith('(?<=', at)) {
    const lookBehind = alternativesAt(source, at)
    if (lookBehind === undefined) return undefined
    at = lookBehind.end
  }
  const group = alternativesAt(source, at)
  const alternatives = group === undefined ? [source.slice(at)] : group.alternatives
  return startsOf(alternatives)
}

/**
 * The words one of which a pattern needs after its gaps: the starts of the last group that is
 * neither optional nor a look-around. Undefined when there is no such group or it can begin with
 * anything.
 */
export function neededWords (source: string): StartWord[] | undefined {
  let last: string[] | undefined
  let depth = 0
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') { i++; continue }
    if (char === '(' && depth === 0 && source.startsWith('(?:', i)) {
      const group = alternativesAt(source, i)
      if (group === undefined) return undefined
      const after = source[group.end]
      if (after !== '?' && after !== '*' && after !== '{') last = group.alternatives
      i = group.end - 1
      continue
    }
    if (char === '(') depth++
    if (char === ')') depth--
  }
  if (last === undefined) return undefined
  return startsOf(last)
}

/** The words a list of alternatives begins with, or undefined when any can begin with anything. */
function startsOf (alternatives: string[]): StartWord[] | undefined {
  const words: StartWord[] = []
  for (const alternative of alternatives) {
    const start = literalStart(alternative)
    if (start === undefined) return undefined
    words.push(start)
  }
  return words
}
