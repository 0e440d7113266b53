// A rough token count for budgeting history: about four characters a token in English prose.
export function estimateTokens (text: string): number {
  return Math.ceil(text.length / 4)
}
