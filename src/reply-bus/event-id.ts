// Every SSE event's id is `<replyId>:<seq>`: what a client's Last-Event-ID names.

export interface EventPosition {
  replyId: string
  seq: number
}

export function parseEventId (id: string | undefined): EventPosition | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,9})$/.exec(id ?? '')
  return match === null ? undefined : { replyId: match[1] as string, seq: Number(match[2]) }
}
