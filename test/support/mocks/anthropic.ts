// A loopback stand-in for Anthropic's Messages API that speaks its real streaming wire format,
// so the real SDK is exercised. It records each request and whether the client hung up early.
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { startModelMock, writeSplit, type ModelMock } from './loopback-model.ts'

export type { MockReply, RecordedRequest } from './loopback-model.ts'
export type AnthropicMock = ModelMock

const ERROR_TYPES: Record<number, string> = { 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error', 400: 'invalid_request_error' }

async function sse (res: ServerResponse, type: string, data: object, split = false): Promise<void> {
  await writeSplit(res, `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`, split)
}

export async function startAnthropicMock (): Promise<AnthropicMock> {
  return await startModelMock(async (req, res, record, reply) => {
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
      if (reply.gate?.before === index) await reply.gate.open
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
  })
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
