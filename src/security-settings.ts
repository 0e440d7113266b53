// Settings that would leave conversations open stop the boot, each with the variable to set.
// In development the service still starts without authentication (the auth plugin warns once).

export interface SecuritySettings {
  NODE_ENV: string
  AUTH_JWT_SECRET: string
  AUTH_JWKS_URL: string
  AUTH_JWT_AUDIENCE: string
  AUTH_DISABLED: boolean
}

/** The shortest HS256 secret accepted: the size of the hash, as RFC 7518 asks. */
export const MIN_SECRET_BYTES = 32
// Values copied from an example rather than made: refused even when long enough.
const PLACEHOLDER = /replace|change[-_ ]?me|example|placeholder|your[-_ ]?secret|^(.)\1+$/i

export function isProduction (settings: Pick<SecuritySettings, 'NODE_ENV'>): boolean {
  return settings.NODE_ENV === 'production'
}

export function checkSecuritySettings (settings: SecuritySettings): void {
  const { AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: jwksUrl } = settings
  if (secret !== '') {
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
      throw new Error(`env/AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (openssl rand -base64 48)`)
    }
    if (PLACEHOLDER.test(secret)) throw new Error('env/AUTH_JWT_SECRET is a placeholder: set a random secret (openssl rand -base64 48)')
  }
  if (secret === '' && jwksUrl !== '' && settings.AUTH_JWT_AUDIENCE === '') {
    throw new Error('env/AUTH_JWT_AUDIENCE must be set with AUTH_JWKS_URL: a key set signs tokens for other services too')
  }
  if (isProduction(settings) && secret === '' && jwksUrl === '' && !settings.AUTH_DISABLED) {
    throw new Error('env/AUTH_JWT_SECRET or env/AUTH_JWKS_URL must be set when NODE_ENV=production ' +
      '(without authentication anyone can read any conversation); AUTH_DISABLED=true runs without it on purpose')
  }
}
