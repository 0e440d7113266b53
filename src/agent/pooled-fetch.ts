// A `fetch` for the model SDKs built on undici's pooled client: the SDKs accept any fetch, and the
// global one (WHATWG streams over undici) costs markedly more CPU per streamed reply
// (measured in BENCHMARKS.md). Same semantics for what the SDKs use: method, headers, body,
// signal; a Response whose body streams.
import { Readable } from 'node:stream'
import { Agent, request } from 'undici'

export function createPooledFetch (): typeof fetch {
  // No cap on connections: every open reply streams over its own, and a cap would queue replies.
  const dispatcher = new Agent({ keepAliveTimeout: 30000 })
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : input
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body as string | undefined,
      signal: init.signal ?? undefined,
      dispatcher
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) headers.append(name, item)
    }
    const nullBody = response.statusCode === 204 || response.statusCode === 304 || init.method === 'HEAD'
    return new Response(nullBody ? null : Readable.toWeb(response.body) as ReadableStream, { status: response.statusCode, headers })
  }) as typeof fetch
}
