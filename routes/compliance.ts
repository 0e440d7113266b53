// GET /crisis-protocol (the published protocol) and GET /reports/crisis-referrals (the counts an
// annual report needs, behind REPORTS_TOKEN).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PROTOCOL_VERSION, protocolHtml, protocolMarkdown } from '../src/compliance/crisis-protocol.ts'
import { referralReport } from '../src/compliance/referral-report.ts'
import { httpError, unauthorized } from '../plugins/errors.ts'
import { ErrorRef } from './schemas.ts'

const DAY = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
const MAX_REPORT_DAYS = 3700

const Counts = Type.Record(Type.String(), Type.Integer())
const ReferralReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer({ description: 'Crisis referral notices shown (safety events) in the period' }),
  byCategory: Counts,
  byLevel: Counts,
  byProfile: Type.Record(Type.String(), Type.Integer(), { description: 'Each notice counts under every profile active when it was shown' }),
  protocolVersions: Type.Record(Type.String(), Type.Integer(), { description: 'Notices by the protocol version they were shown under' }),
  protocolVersion: Type.String({ description: 'The protocol version in force now' })
}, { description: 'Counts only: no identifiers and no personal data' })

/** Markdown when the client asks for it before (or without) HTML; HTML for browsers and anything else. */
function prefersMarkdown (accept: string): boolean {
  const types = accept.toLowerCase().split(',').map(part => part.split(';')[0]?.trim())
  const markdown = types.indexOf('text/markdown')
  const html = types.indexOf('text/html')
  return markdown !== -1 && (html === -1 || markdown < html)
}

const sha256 = (text: string) => createHash('sha256').update(text).digest()

const complianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, compliance, store } = app
  const context = () => ({ profiles: compliance.profiles.map(({ id, law }) => ({ id, law })) })

  app.get('/crisis-protocol', {
    schema: {
      operationId: 'getCrisisProtocol',
      tags: ['compliance'],
      summary: 'The published crisis protocol',
      description: 'What triggers the crisis protocol, what the user sees, what is recorded and what it is not, with its version and the active compliance profiles: HTML, or Markdown with `Accept: text/markdown`. Needs no token.',
      response: {
        200: { description: 'The protocol', content: { 'text/html': { schema: Type.String() }, 'text/markdown': { schema: Type.String() } } },
        500: ErrorRef
      }
    }
  }, async (request, reply) => {
    const markdown = prefersMarkdown(request.headers.accept ?? '')
    reply.header('vary', 'Accept').header('x-protocol-version', PROTOCOL_VERSION)
    return markdown
      ? reply.type('text/markdown; charset=utf-8').send(protocolMarkdown(context()))
      : reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'").send(protocolHtml(context()))
  })

  app.get('/reports/crisis-referrals', {
    schema: {
      operationId: 'getCrisisReferralReport',
      tags: ['compliance'],
      summary: 'Crisis referral counts for an annual report',
      description: 'Counts of crisis referral notices shown from `from` to `to` (UTC days, both included): in total, by category, level and profile, and the protocol version. Counted in a de-identified record that outlives erased sessions. Needs `Authorization: Bearer <REPORTS_TOKEN>`; 404 when REPORTS_TOKEN is unset.',
      querystring: Type.Object({
        from: Type.String({ pattern: DAY, description: 'First day, YYYY-MM-DD (UTC)' }),
        to: Type.String({ pattern: DAY, description: 'Last day, YYYY-MM-DD (UTC), included' })
      }),
      security: [{ bearerAuth: [] }],
      response: { 200: ReferralReportSchema, 400: ErrorRef, 401: ErrorRef, 404: ErrorRef, 500: ErrorRef, 503: ErrorRef }
    }
  }, async (request, reply) => {
    if (config.REPORTS_TOKEN === '') return reply.callNotFound()
    const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? ''
    // Compared as digests: equal lengths, and no timing that tells how much of the token matched.
    if (!timingSafeEqual(sha256(given), sha256(config.REPORTS_TOKEN))) {
      reply.header('WWW-Authenticate', 'Bearer')
      throw unauthorized()
    }
    const { from, to } = request.query
    const days = (Date.parse(to) - Date.parse(from)) / 86400000
    if (!(days >= 0) || days > MAX_REPORT_DAYS) throw httpError('INVALID_REQUEST', `from must be a day on or before to, at most ${MAX_REPORT_DAYS} days apart`)
    return referralReport(from, to, await store.listProtocolFirings(from, to), PROTOCOL_VERSION)
  })
}

export default complianceRoutes
