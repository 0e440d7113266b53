// What the model-API mocks share: a loopback HTTP server that records each request (and whether
// its client hung up early), and a queue of scripted replies.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface MockReply {
  tokens?: string[]
  /** Pause before each token (and before the first). */
  tokenDelayMs?: number
  /** Hold the reply before the token at index `before` until `open` settles (a test decides when it goes on). */
  gate?: { before: number, open: Promise<unknown> }
  /** Answer with this HTTP status and an error body instead of a stream (e.g. 529 overloaded). */
  status?: number
  /** Send an error event (overloaded) after this many tokens. */
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

export interface ModelMock {
  url: string
  requests: RecordedRequest[]
  /** Replies for the next requests, in order; then `defaultReply`. */
  enqueue: (...replies: MockReply[]) => void
  defaultReply: MockReply
  close: () => Promise<void>
}

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

export type ReplyWriter = (req: IncomingMessage, res: ServerResponse, record: RecordedRequest, reply: MockReply) => Promise<void>

/** Starts the server; `write` answers each request with the reply next in the queue. */
export async function startModelMock (write: ReplyWriter, urlPath = ''): Promise<ModelMock> {
  const queue: MockReply[] = []
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  const mock: ModelMock = {
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
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const record: RecordedRequest = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, closedEarly: false }
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) {
        record.closedEarly = true
        record.closedAt = performance.now()
      }
    })
    await write(req, res, record, queue.shift() ?? mock.defaultReply)
  }

  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${urlPath}`
  return mock
}
