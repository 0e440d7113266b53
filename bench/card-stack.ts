// A bench target: the design card's required stack for `/chat` and nothing else (Fastify,
// fastify-sse-v2, the Anthropic SDK over the same pooled fetch as the service). No validation,
// storage, safety screen, history or resumable streams. Between this service and the node-raw
// floor it shows how much of the gap is the required stack and how much is ours.
import Fastify from 'fastify'
import { FastifySSEPlugin } from 'fastify-sse-v2'
import Anthropic from '@anthropic-ai/sdk'
import { createPooledFetch } from '../src/agent/pooled-fetch.ts'

const app = Fastify({ logger: false })
await app.register(FastifySSEPlugin)
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL, fetch: createPooledFetch(), maxRetries: 0 })

async function * contentMessages (events: AsyncIterable<Anthropic.MessageStreamEvent>): AsyncGenerator<{ data: string }> {
  try {
    for await (const event of events) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield { data: JSON.stringify({ content: event.delta.text }) }
    }
  } catch (error) {
    yield { data: JSON.stringify({ error: (error as Error).message }) }
  }
}

app.get('/health', async () => ({ status: 'healthy' }))
app.post<{ Body: { message: string } }>('/chat', async (request, reply) => {
  const events = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: request.body.message }] })
  reply.sse(contentMessages(events))
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: Number(process.env.BACKLOG ?? 511) })
