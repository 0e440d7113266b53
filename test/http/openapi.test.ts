// The OpenAPI 3.1 document: valid, complete, committed without drift, and good enough to generate a
// typed client that type-checks and works against a live server.
import t from 'tap'
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { validate, compileErrors } from '@readme/openapi-parser'
import { build, listen, postChat } from '../support/helper.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

t.test('GET /openapi.json is a valid OpenAPI 3.1 document with every operation described', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  const doc = res.json()
  t.equal(doc.openapi, '3.1.0')
  const result = await validate(structuredClone(doc))
  t.ok(result.valid, result.valid ? 'valid' : compileErrors(result))

  const operations = Object.entries(doc.paths as Record<string, Record<string, any>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, ...op })))
  t.same(operations.map(op => op.name).sort(), [
    'DELETE /sessions/{sessionId}', 'GET /', 'GET /ai-sdk/chat/{id}/stream', 'GET /crisis-protocol', 'GET /health', 'GET /health/live', 'GET /health/ready', 'GET /metrics', 'GET /reports/crisis-referrals',
    'GET /sessions/{sessionId}/messages', 'GET /sessions/{sessionId}/stream', 'POST /ai-sdk/chat', 'POST /chat', 'POST /sessions/{sessionId}/stop'
  ])
  t.equal(new Set(operations.map(op => op.operationId)).size, operations.length, 'operationIds are unique')
  for (const op of operations) {
    t.ok(typeof op.operationId === 'string' && typeof op.summary === 'string' && op.tags?.length > 0, `${op.name}: operationId, summary, tags`)
    for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
      if (Number(status) >= 400 && status !== '503') {
        t.same(response.content?.['application/json']?.schema, { $ref: '#/components/schemas/ApiError' }, `${op.name} ${status}: the shared ApiError schema`)
      }
    }
  }
  const chat = doc.paths['/chat'].post
  t.same(Object.keys(chat.responses).sort(), ['200', '400', '401', '403', '409', '413', '415', '422', '429', '500', '503'])
  t.same(chat.responses['200'].content['text/event-stream'].schema, { $ref: '#/components/schemas/ChatEvent' })
  t.same(doc.components.schemas.ChatEvent.anyOf.map((ref: any) => ref.$ref.split('/').at(-1)).sort(),
    ['ChatErrorEvent', 'ContentEvent', 'DoneEvent', 'NoticeEvent', 'SafetyEvent'])
  t.same(doc.components.schemas.ApiError.required.sort(), ['code', 'error', 'statusCode'])
})

t.test('the document holds what generators and linters need', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.ok(doc.servers?.length > 0, 'servers')
  t.ok(doc.info.contact !== undefined && doc.info.license !== undefined, 'contact and license')
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`
      t.ok(typeof op.description === 'string' && op.description !== '', `${name}: a description`)
      t.ok(Array.isArray(op.security), `${name}: security said, [] when open`)
      t.ok(Object.keys(op.responses).some(status => status.startsWith('4')), `${name}: a 4xx response`)
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        t.ok(response.description !== 'Default Response' && !/Every error/.test(response.description), `${name} ${status}: its own description`)
      }
      // Generators turn `last-event-id` and `lastEventId` into one name.
      const names = (op.parameters ?? []).map((p: any) => p.name.toLowerCase().replace(/[^a-z0-9]/g, ''))
      t.equal(new Set(names).size, names.length, `${name}: no parameter named twice`)
    }
  }
  const codes = doc.components.schemas.ApiError.properties.code.enum
  for (const code of ['REPLY_NOT_FOUND', 'SESSION_NOT_FOUND', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'SESSION_BUSY', 'INVALID_JSON', 'INVALID_REQUEST', 'RATE_LIMITED', 'TOO_MANY_STREAMS', 'INTERNAL_ERROR', 'STORE_UNAVAILABLE']) {
    t.ok(codes.includes(code), `${code} is in the error code enum`)
  }
  const shadowing = ['Error', 'ErrorEvent', 'Event', 'Response', 'Request', 'Headers', 'Message']
  t.same(Object.keys(doc.components.schemas).filter(name => shadowing.includes(name)), [], 'no component shadows a built-in type')
})

t.test('the committed openapi.json is what the routes produce (npm run openapi rewrites it)', async (t) => {
  const app = await build(t)
  const live = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const committed = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'))
  t.same(committed, live, 'run `npm run openapi` and commit openapi.json')
})

t.test('a client generated from the live document type-checks and works (openapi-typescript + openapi-fetch)', async (t) => {
  const app = await build(t)
  const url = await listen(app)
  const dir = t.testdir()
  // Asynchronously: the generator fetches the document from this very process.
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), `${url}/openapi.json`, '-o', join(dir, 'api.ts')])

  writeFileSync(join(dir, 'client.ts'), `
import createClient from 'openapi-fetch'
import type { paths, components } from './api.ts'

type Message = components['schemas']['ApiError']

export async function useApi (baseUrl: string) {
  const api = createClient<paths>({ baseUrl })
  const health = await api.GET('/health')
  const path = { sessionId: 'generated' }
  const query = { userId: 'client-user' }
  const history = await api.GET('/sessions/{sessionId}/messages', { params: { path, query } })
  const roles: Array<'user' | 'assistant'> = history.data?.messages.map(m => m.role) ?? []
  const erased = await api.DELETE('/sessions/{sessionId}', { params: { path, query } })
  const after = await api.GET('/sessions/{sessionId}/messages', { params: { path, query } })
  const error: Message | undefined = after.error
  return { health: health.data?.status, roles, erased: erased.response.status, afterStatus: after.response.status, afterCode: error?.code }
}
`)
  writeFileSync(join(dir, 'wrong.ts'), `
import createClient from 'openapi-fetch'
import type { paths } from './api.ts'
const api = createClient<paths>({ baseUrl: '' })
export const a = api.GET('/no/such/route')
export const b = api.GET('/sessions/{sessionId}/messages', { params: { path: { session: 'x' } } })
`)
  const tsc = (file: string) => spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--allowImportingTsExtensions', join(dir, file)], { encoding: 'utf8', cwd: root })
  const good = tsc('client.ts')
  t.equal(good.status, 0, `client.ts type-checks: ${good.stdout}`)
  const bad = tsc('wrong.ts')
  t.not(bad.status, 0, 'the generated types catch a wrong route and a wrong parameter')
  t.match(bad.stdout, /wrong\.ts\(5,\d+\): error/, 'the unknown route is an error')
  t.match(bad.stdout, /'session' does not exist/, 'the misnamed path parameter is an error')

  await postChat(url, { message: 'hello', sessionId: 'generated', userId: 'client-user' })
  const { useApi } = await import(pathToFileURL(join(dir, 'client.ts')).href)
  t.same(await useApi(url), { health: 'healthy', roles: ['user', 'assistant'], erased: 204, afterStatus: 404, afterCode: 'SESSION_NOT_FOUND' })
})
