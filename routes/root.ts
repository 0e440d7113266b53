// GET /: what this API is and which agent answers (the Flask version's shape, plus `agent`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { packageInfo } from '../src/package-info.ts'
import { AI_DISCLOSURE } from '../src/safety/messages.ts'
import { ErrorRef } from './schemas.ts'

const InfoSchema = Type.Object({
  name: Type.String(),
  version: Type.String(),
  status: Type.String(),
  endpoints: Type.Record(Type.String(), Type.String()),
  agent: Type.Object({ provider: Type.String(), model: Type.String() }),
  disclosure: Type.String({ description: 'What the service says about itself: an AI, not a person' }),
  compliance: Type.Object({
    profiles: Type.Array(Type.Object({ id: Type.String(), law: Type.String(), source: Type.String() }), { description: 'The active compliance profiles (COMPLIANCE_PROFILES): their notices and rules combine, the strictest winning' })
  })
}, { description: "The API's name, version, endpoints and the agent that answers" })

const ENDPOINTS = {
  '/': 'API information',
  '/health': 'Health check endpoint',
  '/health/live': 'Liveness probe',
  '/health/ready': 'Readiness probe (store and agent)',
  '/chat': 'Chat endpoint (POST) - accepts message, sessionId, userId',
  '/sessions/{sessionId}/messages': 'Session history (GET)',
  '/sessions/{sessionId}': 'Erase a session (DELETE)',
  '/crisis-protocol': 'The published crisis protocol (HTML, or Markdown with Accept: text/markdown)',
  '/reports/crisis-referrals': 'Crisis referral counts for annual reports (GET, REPORTS_TOKEN)',
  '/sessions/{sessionId}/stream': 'Resume the reply being written (GET, SSE, Last-Event-ID)',
  '/sessions/{sessionId}/stop': 'Stop the reply being written (POST)',
  '/ai-sdk/chat': "Chat for the Vercel AI SDK's useChat (POST, its UI message stream)",
  '/ai-sdk/chat/{id}/stream': "Resume the reply being written, for useChat's resume (GET)",
  '/metrics': 'Prometheus metrics (unless METRICS_PORT serves them apart)',
  '/openapi.json': 'This API described as OpenAPI 3.1'
}

const rootRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: { operationId: 'getApiInfo', tags: ['info'], summary: 'API information', description: 'What this API is, its endpoints, which model provider answers, and its AI disclosure. Needs no token.', response: { 200: InfoSchema, 500: ErrorRef } }
  }, async () => ({
    name: 'TherapyBot API',
    version: packageInfo.version,
    status: 'running',
    endpoints: ENDPOINTS,
    agent: { provider: app.agent.provider, model: app.agent.model },
    disclosure: AI_DISCLOSURE,
    compliance: { profiles: app.compliance.profiles.map(({ id, law, source }) => ({ id, law, source })) }
  }))
}

export default rootRoutes
