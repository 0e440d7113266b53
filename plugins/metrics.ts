// Provides `app.telemetry`: Prometheus metrics with prom-client. fastify-metrics counts requests and
// their latency by route and status; `app.telemetry.chat` holds the chat, model, safety and store
// metrics. GET /metrics on the main port, or only on METRICS_PORT when that is set.
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import fp from 'fastify-plugin'
import fastifyMetricsModule from 'fastify-metrics'
import { Registry, collectDefaultMetrics } from 'prom-client'
import { createChatMetrics, type ChatMetrics } from '../src/telemetry/chat-metrics.ts'

declare module 'fastify' {
  interface FastifyInstance {
    telemetry: { registry: Registry, chat: ChatMetrics }
  }
}

// A CommonJS module whose plugin is its `default` export.
const fastifyMetrics = fastifyMetricsModule.default

export default fp(async function metricsPlugin (app) {
  // A registry per app, so that several apps in one process (tests) never share or clash.
  const registry = new Registry()
  const separatePort = app.config.METRICS_PORT !== 0
  await app.register(fastifyMetrics, {
    endpoint: separatePort
      ? null
      : {
          url: '/metrics',
          method: 'GET',
          logLevel: 'warn',
          schema: {
            operationId: 'getMetrics',
            tags: ['health'],
            summary: 'Prometheus metrics (text exposition format)',
            description: 'Request, chat, model, safety and store metrics for Prometheus to scrape; served here unless METRICS_PORT gives them a port of their own.',
            response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } }
          }
        } as never,
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      overrides: { histogram: { registers: [registry] }, summary: { registers: [registry] } }
    }
  })
  app.decorate('telemetry', { registry, chat: createChatMetrics(registry) })

  if (separatePort) {
    // Its own listener, so that /metrics need not be exposed where the API is.
    const server: Server = createServer((_req, res) => {
      registry.metrics().then(
        text => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end()
      )
    })
    app.addHook('onListen', async () => {
      server.listen(app.config.METRICS_PORT, app.config.HOST)
      await once(server, 'listening')
    })
    app.addHook('onClose', async () => { if (server.listening) server.close() })
  }
}, { name: 'telemetry', dependencies: ['config'] })
