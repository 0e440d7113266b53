// The tests' one SSE reader: eventsource-parser, the parser the client library reads with, over a
// whole body (an injected response) or fed piece by piece (a stream from a real socket).
import { createParser, type EventSourceMessage } from 'eventsource-parser'

export interface SseEvent {
  id?: string
  /** The event's `data:` JSON, parsed. */
  data: any
}

export interface SseHandlers {
  onEvent: (event: SseEvent) => void
  onComment?: (comment: string) => void
}

/** A parser to feed text to as it arrives. */
export function sseParser (handlers: SseHandlers): { feed: (text: string) => void } {
  return createParser({
    onEvent: (message: EventSourceMessage) => handlers.onEvent({ id: message.id, data: JSON.parse(message.data) }),
    onComment: handlers.onComment
  })
}

/** Every event of a whole SSE body, in order. */
export function sseEvents (body: string): SseEvent[] {
  const events: SseEvent[] = []
  sseParser({ onEvent: event => events.push(event) }).feed(body)
  return events
}
