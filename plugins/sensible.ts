// @fastify/sensible: HTTP error helpers (`app.httpErrors`) and reply shortcuts.
import fp from 'fastify-plugin'
import sensible from '@fastify/sensible'

export default fp(async function sensiblePlugin (app) {
  await app.register(sensible)
}, { name: 'sensible' })
