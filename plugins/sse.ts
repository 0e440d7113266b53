// fastify-sse-v2: `reply.sse(asyncIterable)` for the chat stream. No `retry:` line: clients resume by event id.
import fp from 'fastify-plugin'
import { FastifySSEPlugin } from 'fastify-sse-v2'

export default fp(async function ssePlugin (app) {
  await app.register(FastifySSEPlugin, { retryDelay: false })
}, { name: 'sse' })
