// CORS for the browser app: any origin reflected (so credentials work) by default, or a configured list.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'

export default fp(async function corsPlugin (app) {
  const origins = app.config.CORS_ORIGINS.trim()
  await app.register(cors, {
    origin: origins === '*' ? true : origins.split(',').map(origin => origin.trim()).filter(Boolean),
    credentials: true,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600
  })
}, { name: 'cors', dependencies: ['config'] })
