// A loopback stand-in for Anthropic's Messages API that speaks its real streaming wire format,
// so the real SDK is exercised. It records each request and whether the client hung up early.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface MockReply {
  tokens?: string[]
  /** Pause before each token (and before the first). */
  tokenDelayMs?: number
  /** Answer with this HTTP status and an error body instead of a stream (e.g. 529 overloaded). */
  status?: number
  /** Send an `error` event (overloaded) after this many tokens. */
  errorAfter?: number
  stopReason?: string
  inputTokens?: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
  /** Write each event in two pieces split inside a multi-byte character, as a network may deliver it. */
  splitBytes?: boolean
}

export interface RecordedRequest {
  body: any
  headers: IncomingMessage['headers']
  /** The client closed the connection before the reply ended. */
  closedEarly: boolean
  /** When the close was seen (performance.now()). */
  closedAt?: number
}

export interface AnthropicMock {
  url: string
  requests: RecordedRequest[]
  /** Replies for the next requests, in order; then `defaultReply`. */
  enqueue: (...replies: MockReply[]) => void
  defaultReply: MockReply
  close: () => Promise<void>
}

const ERROR_TYPES: Record<number, string> = { 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error', 400: 'invalid_request_error' }

/** Writes a chunk whole, or in two pieces cut in the middle of its first multi-byte character. */
export async function writeSplit (res: ServerResponse, text: string, split: boolean): Promise<void> {
  const bytes = Buffer.from(text, 'utf8')
  const cut = bytes.findIndex(byte => byte >= 0xc0) + 1
  if (!split || cut <= 0) {
    res.write(bytes)
    return
  }
  res.write(bytes.subarray(0, cut))
  await sleep(2)
  res.write(bytes.subarray(cut))
}

async function sse (res: ServerResponse, type: string, data: object, split = false): Promise<void> {
  await writeSplit(res, `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`, split)
}

async function readBody (req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

export async function startAnthropicMock (): Promise<AnthropicMock> {
  const queue: MockReply[] = []
  const requests: RecordedRequest[] = []
  const mock: AnthropicMock = {
    url: '',
    requests,
    enqueue: (...replies) => { queue.push(...replies) },
    defaultReply: { tokens: ['Hello', ' there', '.'] },
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    }
  }

  async function handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = { body: await readBody(req), headers: req.headers, closedEarly: false }
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) {
        record.closedEarly = true
        record.closedAt = performance.now()
      }
    })
    const reply = queue.shift() ?? mock.defaultReply
    if (req.url !== '/v1/messages' || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"type":"error","error":{"type":"not_found_error","message":"Not found"}}')
      return
    }
    if (reply.status !== undefined) {
      const type = ERROR_TYPES[reply.status] ?? 'api_error'
      res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': 'req_mock' })
      res.end(JSON.stringify({ type: 'error', error: { type, message: `mock ${type}` } }))
      return
    }

    const tokens = reply.tokens ?? []
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_mock' })
    await sse(res, 'message_start', {
      message: {
        id: 'msg_mock',
        type: 'message',
        role: 'assistant',
        content: [],
        model: record.body.model,
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: reply.inputTokens ?? 21,
          output_tokens: 1,
          cache_read_input_tokens: reply.cacheReadTokens ?? 0,
          cache_creation_input_tokens: reply.cacheWriteTokens ?? 0
        }
      }
    })
    await sse(res, 'content_block_start', { index: 0, content_block: { type: 'text', text: '' } })
    await sse(res, 'ping', {})
    for (const [index, text] of tokens.entries()) {
      if (reply.errorAfter === index) {
        await sse(res, 'error', { error: { type: 'overloaded_error', message: 'Overloaded' } })
        res.end()
        return
      }
      if (reply.tokenDelayMs !== undefined) await sleep(reply.tokenDelayMs)
      if (res.destroyed) return
      await sse(res, 'content_block_delta', { index: 0, delta: { type: 'text_delta', text } }, reply.splitBytes)
    }
    await sse(res, 'content_block_stop', { index: 0 })
    await sse(res, 'message_delta', {
      delta: { stop_reason: reply.stopReason ?? 'end_turn', stop_sequence: null },
      usage: { output_tokens: tokens.length }
    })
    await sse(res, 'message_stop', {})
    res.end()
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return mock
}

/** The system prompt of a recorded request, as one text (it may come as content blocks). */
export function systemText (body: any): string {
  return typeof body.system === 'string' ? body.system : body.system.map((block: any) => block.text).join('\n\n')
}

/** The conversation of a recorded request, with content blocks flattened to text. */
export function conversation (body: any): Array<{ role: string, content: string }> {
  return body.messages.map((message: any) => ({
    role: message.role,
    content: typeof message.content === 'string' ? message.content : message.content.map((block: any) => block.text).join('')
  }))
}
