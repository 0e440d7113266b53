// CORS for browser apps. In development `*` reflects any origin with credentials (the Flask version's
// browser code relies on it); with NODE_ENV=production `*` is a plain `*` without credentials, and
// credentials go only to the origins CORS_ORIGINS lists. The `null` origin (sandboxed frames,
// file: pages) is never reflected.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import { isProduction } from '../src/security-settings.ts'

export default fp(async function corsPlugin (app) {
  const origins = app.config.CORS_ORIGINS.trim()
  const any = origins === '*'
  const production = isProduction(app.config)
  await app.register(cors, {
    origin: any
      ? (production ? '*' : (origin, callback) => { callback(null, origin !== undefined && origin !== 'null') })
      : origins.split(',').map(origin => origin.trim()).filter(origin => origin !== '' && origin !== 'null'),
    credentials: !(any && production),
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
    // An OPTIONS without Access-Control-Request-Method is not a preflight: routed as usual (no 400 text/plain).
    strictPreflight: false
  })
}, { name: 'cors', dependencies: ['config'] })
