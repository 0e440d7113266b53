// A reply's events in the Vercel AI SDK's UI message stream protocol (v1), which its `useChat`
// reads: `start` (the reply's id), the notice and safety events as `data-notice` / `data-safety`
// parts, the content as one text part (`text-start`, `text-delta`…, `text-end`), then `finish` or
// `error`, then `[DONE]`.
import type { ChatEvent, DoneEvent, NoticeEvent, SafetyEvent } from '../vocabulary.ts'
import type { ReplyEvent } from '../reply-bus/types.ts'
import type { SseFormat, SseMessage } from './follow-events.ts'

/** The header that tells the AI SDK the response speaks this protocol. */
export const UI_MESSAGE_STREAM_HEADER = 'x-vercel-ai-ui-message-stream'
export const UI_MESSAGE_STREAM_VERSION = 'v1'

export type UiFinishReason = 'stop' | 'length' | 'content-filter' | 'other'

export type UiMessageChunk =
  | { type: 'start', messageId: string }
  | { type: 'data-notice', data: NoticeEvent['notice'] }
  | { type: 'data-safety', data: SafetyEvent['safety'] }
  | { type: 'text-start', id: string }
  | { type: 'text-delta', id: string, delta: string }
  | { type: 'text-end', id: string }
  | { type: 'finish', finishReason: UiFinishReason, messageMetadata: ReplyMetadata }
  | { type: 'error', errorText: string }

/** What a finished reply's `finish` chunk carries as message metadata. */
export interface ReplyMetadata {
  stopReason: string
  fallback?: true
}

const FINISH_REASONS: Record<string, UiFinishReason> = { end_turn: 'stop', max_tokens: 'length', refusal: 'content-filter' }
const DONE_LINE = '[DONE]'

/** Translates one reply's events, in order from its first, into UI message chunks. */
export class UiMessageTranslator {
  readonly #messageId: string
  readonly #textId: string
  #started = false
  #textOpen = false

  constructor (messageId: string) {
    this.#messageId = messageId
    this.#textId = `${messageId}:text`
  }

  chunks (event: ChatEvent): UiMessageChunk[] {
    const chunks: UiMessageChunk[] = []
    if (!this.#started) {
      this.#started = true
      chunks.push({ type: 'start', messageId: this.#messageId })
    }
    if ('content' in event) {
      if (!this.#textOpen) {
        this.#textOpen = true
        chunks.push({ type: 'text-start', id: this.#textId })
      }
      chunks.push({ type: 'text-delta', id: this.#textId, delta: event.content })
    } else if ('notice' in event) {
      chunks.push({ type: 'data-notice', data: event.notice })
    } else if ('safety' in event) {
      chunks.push({ type: 'data-safety', data: event.safety })
    } else {
      if (this.#textOpen) {
        this.#textOpen = false
        chunks.push({ type: 'text-end', id: this.#textId })
      }
      chunks.push('done' in event ? finishChunk(event) : { type: 'error', errorText: event.error })
    }
    return chunks
  }
}

function finishChunk (event: DoneEvent): UiMessageChunk {
  const messageMetadata: ReplyMetadata = { stopReason: event.stopReason }
  if (event.fallback === true) messageMetadata.fallback = true
  return { type: 'finish', finishReason: FINISH_REASONS[event.stopReason] ?? 'other', messageMetadata }
}

/**
 * The SSE format of one client's UI message stream, read from the reply's first event: each chunk
 * a `data:` block of its own (with the id of the event it came from), `[DONE]` after the last.
 * Several blocks ride in one message's `id` field, as in follow-events.ts, since fastify-sse-v2
 * writes that field as it is; safe because ids and JSON hold no raw newlines.
 */
export function uiMessageFormat (replyId: string): SseFormat {
  const translator = new UiMessageTranslator(replyId)
  return (events: ReplyEvent[]): SseMessage => {
    const blocks: Array<[id: string, data: string]> = []
    for (const event of events) {
      const id = `${replyId}:${event.seq}`
      for (const chunk of translator.chunks(JSON.parse(event.data) as ChatEvent)) blocks.push([id, JSON.stringify(chunk)])
      if (event.terminal) blocks.push([id, DONE_LINE])
    }
    const [lastId, lastData] = blocks.pop() as [string, string]
    let id = ''
    for (const [blockId, data] of blocks) id += `${blockId}\ndata: ${data}\n\nid: `
    return { id: `${id}${lastId}`, data: lastData }
  }
}
