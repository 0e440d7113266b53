// buildApp(): the whole service as a Fastify instance, shared by the server entry and the tests.
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import type { DestinationStream } from 'pino'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import configPlugin, { loadConfig, trustProxyOf, type Config, type ConfigPluginOptions } from '../plugins/config.ts'
import sensiblePlugin from '../plugins/sensible.ts'
import errorsPlugin, { clientErrorBody, formatValidationErrors, toErrorBody } from '../plugins/errors.ts'
import metricsPlugin from '../plugins/metrics.ts'
import corsPlugin from '../plugins/cors.ts'
import ssePlugin from '../plugins/sse.ts'
import redisPlugin from '../plugins/redis.ts'
import storePlugin from '../plugins/store.ts'
import replyBusPlugin from '../plugins/reply-bus.ts'
import conversationPlugin from '../plugins/conversation.ts'
import agentPlugin from '../plugins/agent.ts'
import safetyPlugin from '../plugins/safety.ts'
import compliancePlugin from '../plugins/compliance.ts'
import handoffPlugin from '../plugins/handoff.ts'
import authPlugin from '../plugins/auth.ts'
import rateLimitPlugin from '../plugins/rate-limit.ts'
import openapiPlugin from '../plugins/openapi.ts'
import rootRoutes from '../routes/root.ts'
import healthRoutes from '../routes/health.ts'
import sessionRoutes from '../routes/sessions/index.ts'
import complianceRoutes from '../routes/compliance.ts'
import type { Agent } from './agent/types.ts'
import type { SessionStore } from './store/types.ts'
import { logSerializers } from './telemetry/log-serializers.ts'
import { openFileLimit } from './open-file-limit.ts'
import { SHARED_SCHEMAS } from '../routes/schemas.ts'

export interface BuildAppOptions extends ConfigPluginOptions {
  /** Where the JSON log lines go (default: stdout); tests capture them. */
  logStream?: DestinationStream
  /** A store or agent to use instead of the configured one (tests). */
  store?: SessionStore
  agent?: Agent
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/

export async function buildApp (options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config = loadConfig({ env: options.env, dotenv: options.dotenv })
  const app = Fastify({
    logger: {
      // Bodies are never logged; these paths keep credentials out if a header ever is.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: logSerializers,
      ...(options.logStream !== undefined ? { stream: options.logStream } : {})
    },
    // Honour a sane X-Request-Id from the caller (a proxy, a client), else make one.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    // A wrongly typed field is an error, never silently converted.
    ajv: { customOptions: { coerceTypes: false } },
    schemaErrorFormatter: formatValidationErrors,
    forceCloseConnections: true,
    // A socket that sends partial headers, a partial body or nothing at all is closed.
    http: {
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(5000, Math.ceil(config.HEADERS_TIMEOUT_MS / 2))
    },
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    // What the HTTP parser refuses (headers too large, a request too slow...) in the API's error shape.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
      const body = JSON.stringify(clientErrorBody(status))
      if (socket.writable) {
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`)
      }
      socket.destroy()
    },
    // A malformed or too long URL, found by the router: answered like any error, not echoing the URL.
    frameworkErrors: (error, _request, reply) => {
      const body = toErrorBody(error)
      void (reply as FastifyReply).code(body.statusCode).type('application/json').send(body)
    },
    // Every route accepts the longest session id the chat accepts (128 characters).
    routerOptions: { maxParamLength: 200 },
    // Behind an ingress, the client's address comes from X-Forwarded-For (rate limits key on it).
    trustProxy: trustProxyOf(config.TRUST_PROXY)
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.server.maxConnections = config.MAX_CONNECTIONS
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  // JSON is the only body this API reads: anything else is 415, not a string to validate.
  app.removeContentTypeParser('text/plain')

  // Third-party and infrastructure plugins, then the app's own decorators, then routes.
  await app.register(configPlugin, { config })
  app.log.level = app.config.LOG_LEVEL
  warnOfConnectionLimits(app.log, config)
  await app.register(sensiblePlugin)
  await app.register(errorsPlugin)
  // Before any route, so that the document sees them all (the metrics route included).
  await app.register(openapiPlugin)
  await app.register(metricsPlugin)
  await app.register(corsPlugin)
  await app.register(redisPlugin)
  await app.register(storePlugin, { store: options.store })
  await app.register(replyBusPlugin)
  await app.register(ssePlugin)
  await app.register(safetyPlugin)
  await app.register(authPlugin)
  // Before the agent: its system prompt carries the profiles' rule.
  await app.register(compliancePlugin)
  await app.register(handoffPlugin)
  await app.register(agentPlugin, { agent: options.agent })
  await app.register(rateLimitPlugin)
  await app.register(conversationPlugin)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(rootRoutes)
  await app.register(healthRoutes)
  await app.register(sessionRoutes)
  await app.register(complianceRoutes)
  return app
}

// Descriptors the process needs besides client connections (store, Redis, logs, metrics).
const SPARE_FILES = 64

/** Settings that would not do what they say: one warning line each, the boot goes on. */
function warnOfConnectionLimits (log: FastifyBaseLogger, config: Config): void {
  const files = openFileLimit()
  if (files !== undefined && config.MAX_CONNECTIONS + SPARE_FILES > files) {
    log.warn({ maxConnections: config.MAX_CONNECTIONS, openFileLimit: files },
      'MAX_CONNECTIONS is above the open-file limit (ulimit -n): connections past the limit fail before MAX_CONNECTIONS applies; raise the limit or lower MAX_CONNECTIONS')
  }
  if (config.MAX_CONNECTIONS <= config.MAX_STREAMS) {
    log.warn({ maxConnections: config.MAX_CONNECTIONS, maxStreams: config.MAX_STREAMS },
      'MAX_CONNECTIONS is not above MAX_STREAMS: with every stream open, probes and other requests find no connection left')
  }
}
