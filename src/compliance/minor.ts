// Whether the user is a minor: a token's claim when authentication is on, else the chat body's `minor`.

export interface MinorClaims {
  /** A true/false claim ("minor"), named by AUTH_MINOR_CLAIM. */
  minorClaim: string
  /** An age in years, named by AUTH_AGE_CLAIM ('' for none). */
  ageClaim: string
}

const ADULT_AGE = 18

/** From verified token claims: a true minor claim, or an age under 18; anything else is not known to be a minor. */
export function minorFromClaims (claims: Record<string, unknown> | undefined, names: MinorClaims): boolean {
  if (claims === undefined) return false
  const flag = claims[names.minorClaim]
  if (flag === true || flag === 'true') return true
  if (names.ageClaim === '') return false
  const age = claims[names.ageClaim]
  const years = typeof age === 'number' ? age : typeof age === 'string' && /^\d{1,3}$/.test(age) ? Number(age) : NaN
  return Number.isFinite(years) && years < ADULT_AGE
}
