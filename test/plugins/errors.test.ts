// The error handler on a bare Fastify instance: whatever a route throws, the client gets the
// service's JSON error body with a stable code, and nothing of an unexpected error's text.
import t from 'tap'
import Fastify from 'fastify'
import errorsPlugin, { httpError } from '../../plugins/errors.ts'
import { SessionBusyError, TooManyStreamsError } from '../../src/errors.ts'
import { StoreUnavailableError } from '../../src/store/types.ts'

async function appThrowing (error: () => unknown) {
  const app = Fastify({ logger: false })
  await app.register(errorsPlugin)
  app.get('/', async () => { throw error() })
  t.teardown(() => app.close())
  return app
}

t.test('a domain error is answered with its code and the status that code means', async (t) => {
  const cases: Array<[() => unknown, number, string]> = [
    [() => new SessionBusyError(), 409, 'SESSION_BUSY'],
    [() => new StoreUnavailableError(new Error('ECONNREFUSED 10.0.0.7:6379')), 503, 'STORE_UNAVAILABLE'],
    [() => httpError('UNAUTHORIZED', 'A valid bearer token is required'), 401, 'UNAUTHORIZED']
  ]
  for (const [error, status, code] of cases) {
    const response = await (await appThrowing(error)).inject('/')
    t.equal(response.statusCode, status, code)
    t.match(response.headers['content-type'], /^application\/json/)
    t.same(Object.keys(response.json()).sort(), ['code', 'error', 'statusCode'])
    t.match(response.json(), { code, statusCode: status })
    t.notMatch(response.body, /ECONNREFUSED|10\.0\.0\.7/, 'the cause stays in the logs')
  }
})

t.test('a full stream cap says when to retry', async (t) => {
  const response = await (await appThrowing(() => new TooManyStreamsError())).inject('/')
  t.equal(response.statusCode, 429)
  t.equal(response.headers['retry-after'], '1')
})

t.test('an unexpected error is a generic 500: no message, stack or code of its own', async (t) => {
  const leaky = Object.assign(new Error('SELECT content FROM messages WHERE user = "ana"'), { code: 'SQLITE_CORRUPT' })
  const response = await (await appThrowing(() => leaky)).inject('/')
  t.equal(response.statusCode, 500)
  t.same(response.json(), { error: 'Something went wrong on our side, please try again', code: 'INTERNAL_ERROR', statusCode: 500 })
})

t.test('an unknown route is a JSON 404 that does not echo the URL', async (t) => {
  const response = await (await appThrowing(() => new Error('unused'))).inject('/sessions/ana-secret-id')
  t.equal(response.statusCode, 404)
  t.equal(response.json().code, 'NOT_FOUND')
  t.notMatch(response.body, /ana-secret-id/)
})
