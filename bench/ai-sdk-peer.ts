// A bench target: what a TypeScript developer writes without this service. The Vercel AI SDK's
// `streamText` with `@ai-sdk/anthropic`, answered as its UI message stream (what `useChat` reads),
// behind a plain `node:http` server. No validation, history, storage, safety screen or resumable
// streams; the SDKs' defaults (Node's global fetch), as their documentation shows them.
import { createServer } from 'node:http'
import { createAnthropic } from '@ai-sdk/anthropic'
import { convertToModelMessages, pipeUIMessageStreamToResponse, streamText, toUIMessageStream, type UIMessage } from 'ai'

// The provider appends `/messages`: the model API's root is its `/v1`.
const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: `${process.env.ANTHROPIC_BASE_URL ?? ''}/v1` })

const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy"}')
    return
  }
  if (req.method !== 'POST' || req.url !== '/api/chat') {
    res.writeHead(404).end()
    return
  }
  try {
    let body = ''
    for await (const chunk of req) body += chunk
    const { messages } = JSON.parse(body) as { messages: UIMessage[] }
    const result = streamText({ model: anthropic('claude-sonnet-4-5'), messages: await convertToModelMessages(messages), maxRetries: 0 })
    await pipeUIMessageStreamToResponse({ response: res, stream: toUIMessageStream({ stream: result.stream }) })
  } catch {
    if (!res.headersSent) res.writeHead(400).end()
    else res.destroy()
  }
})
server.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: Number(process.env.BACKLOG ?? 511) })
