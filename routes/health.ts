// Health: the Flask version's /health, and Kubernetes' liveness and readiness probes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef } from './schemas.ts'

const STORE_PING_TIMEOUT_MS = 1000
const READINESS_NAME = 'readiness-check'

const ReadySchema = (description: string) => Type.Object({
  status: Type.Enum(['ready', 'unavailable']),
  checks: Type.Object({
    store: Type.Enum(['ok', 'unavailable']),
    agent: Type.Enum(['ok', 'failing'], { description: 'failing: the last few replies the model was asked for failed (the listener answered instead, or an error); readiness does not depend on it' }),
    shutdown: Type.Enum(['no', 'in progress'])
  })
}, { description })

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {

  async function storeAnswers (): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(reject, STORE_PING_TIMEOUT_MS, new Error('store ping timed out'))
    })
    try {
      // A small write, not only a read: a full disk or a read-only replica fails every chat.
      await Promise.race([app.store.ping().then(async () => await app.store.setMeta(READINESS_NAME, new Date().toISOString())), timeout])
      return true
    } catch (error) {
      app.log.warn({ err: error }, 'store did not answer the readiness check')
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['health'],
      summary: 'Health check, in the shape clients of the Flask version read',
      description: 'Always healthy while the process answers; for probes, use /health/live and /health/ready.',
      response: { 200: Type.Object({ status: Type.String(), service: Type.String() }, { description: 'The service answers' }), 500: ErrorRef }
    }
  }, async () => ({ status: 'healthy', service: 'TherapyBot API' }))

  app.get('/health/live', {
    schema: {
      operationId: 'getLiveness',
      tags: ['health'],
      summary: 'Liveness: the event loop turns; touches neither store nor model',
      description: 'For a liveness probe: answers while the process runs, without touching the store or the model.',
      response: { 200: Type.Object({ status: Type.Literal('ok') }, { description: 'The process is alive' }), 500: ErrorRef }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/health/ready', {
    schema: {
      operationId: 'getReadiness',
      tags: ['health'],
      summary: 'Readiness: the store answers and takes a write and no shutdown is under way; it also says whether the model answers',
      description: 'For a readiness probe: 200 when the store answers and takes a small write within a second and no shutdown is under way, else 503 with the failing check.',
      response: { 200: ReadySchema('Ready for traffic'), 503: ReadySchema('Not ready: a check failed or shutdown began'), 500: ErrorRef }
    }
  }, async (_request, reply) => {
    const checks = {
      store: (await storeAnswers()) ? 'ok' as const : 'unavailable' as const,
      // Reported, not required: every instance shares the model, so taking this one out of service would not help.
      agent: app.conversation.modelHealth.state,
      shutdown: app.replyBus.draining ? 'in progress' as const : 'no' as const
    }
    const ready = checks.store === 'ok' && !app.replyBus.draining
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
  })
}

export default healthRoutes
