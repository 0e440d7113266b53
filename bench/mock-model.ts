// The benchmark's model: Anthropic's streaming Messages wire format on loopback, in a process of its
// own. POST /__config sets the reply ({ tokens, delayMs }); the first token goes out at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

let config = { tokens: 50, delayMs: 0 }

/** The reply text for a config: the words every stream must carry, in order. */
export function modelText (tokens: number): string {
  return Array.from({ length: tokens }, (_v, i) => `w${i} `).join('')
}

const event = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`

async function reply (req: IncomingMessage, res: ServerResponse): Promise<void> {
  for await (const _chunk of req) { /* the request body is not needed */ }
  if (req.url === '/__config') {
    res.end()
    return
  }
  const { tokens, delayMs } = config
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  res.write(event('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', content: [], model: 'bench', stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } }) +
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }))
  for (let i = 0; i < tokens; i++) {
    if (delayMs > 0 && i > 0) await new Promise(resolve => setTimeout(resolve, delayMs))
    if (res.destroyed) return
    res.write(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `w${i} ` } }))
  }
  res.end(event('content_block_stop', { index: 0 }) +
    event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokens } }) +
    event('message_stop', {}))
}

if (process.argv[1]?.endsWith('mock-model.js') === true) {
  const server = createServer((req, res) => {
    if (req.url === '/__config') {
      let body = ''
      req.on('data', (chunk: Buffer) => { body += chunk.toString() })
      req.on('end', () => { config = JSON.parse(body); res.end('ok') })
      return
    }
    reply(req, res).catch(() => res.destroy())
  })
  server.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 65535 }, () => process.send?.('ready'))
}
