// A loopback stand-in for an OpenAI-compatible chat-completions server, speaking its real streaming
// wire format (`data: {chunk}` lines, a usage chunk, `data: [DONE]`), so the real `openai` SDK is exercised.
import { setTimeout as sleep } from 'node:timers/promises'
import { startModelMock, writeSplit, type ModelMock } from './loopback-model.ts'

/** Its `url` is the base URL to give the SDK (it ends in /v1). */
export type OpenAIMock = ModelMock

const FINISH: Record<string, string> = { end_turn: 'stop', max_tokens: 'length', refusal: 'content_filter' }

export async function startOpenAIMock (): Promise<OpenAIMock> {
  return await startModelMock(async (req, res, record, reply) => {
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","type":"invalid_request_error"}}')
      return
    }
    if (reply.status !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `mock ${reply.status}`, type: reply.status === 429 ? 'rate_limit_error' : 'server_error', code: null } }))
      return
    }
    const base = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1700000000, model: record.body.model }
    const send = (data: object, split = false): Promise<void> => writeSplit(res, `data: ${JSON.stringify({ ...base, ...data })}\n\n`, split)
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    await send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })
    const tokens = reply.tokens ?? []
    for (const [index, text] of tokens.entries()) {
      if (reply.errorAfter === index) {
        res.write(`data: ${JSON.stringify({ error: { message: 'The server is overloaded', type: 'server_error', code: 'overloaded' } })}\n\n`)
        res.end()
        return
      }
      if (reply.tokenDelayMs !== undefined) await sleep(reply.tokenDelayMs)
      if (res.destroyed) return
      await send({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }, reply.splitBytes)
    }
    await send({ choices: [{ index: 0, delta: {}, finish_reason: FINISH[reply.stopReason ?? 'end_turn'] ?? 'stop' }] })
    await send({
      choices: [],
      usage: {
        prompt_tokens: reply.inputTokens ?? 21,
        completion_tokens: tokens.length,
        total_tokens: (reply.inputTokens ?? 21) + tokens.length,
        prompt_tokens_details: { cached_tokens: reply.cacheReadTokens ?? 0 }
      }
    })
    res.write('data: [DONE]\n\n')
    res.end()
  }, '/v1')
}
