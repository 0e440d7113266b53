// Whose session a request touches. The anonymous user's id holds a character no client id may use.
export const ANONYMOUS_USER = '*anonymous'

export function userIdOf (given: string | undefined): string {
  return given ?? ANONYMOUS_USER
}
