// An operator's webhook on loopback (node:http) for the crisis hand-off's tests: it answers each
// request as the test's plan says (a status, or holding it unanswered), checks every signature with
// the standardwebhooks package, and records what came.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

type Test = { teardown: (fn: () => unknown) => void }

/** A status to answer with, or 'hang': never answer (the sender's time limit, or its shutdown, ends it). */
export type Answer = number | 'hang'

export interface ReceivedRequest {
  id: string
  headers: Record<string, string>
  body: string
  /** The payload Webhook.verify returned; undefined when the signature did not verify. */
  verified: unknown
  answer: Answer
}

export interface WebhookReceiver {
  url: string
  port: number
  requests: ReceivedRequest[]
  /** The ids answered with a 2xx, in order. */
  delivered: () => string[]
  close: () => Promise<void>
}

export interface ReceiverOptions {
  /** The answers to the requests in order; 200 past the plan. */
  plan?: Answer[]
  /** Or the answer to each request, from its id's earlier attempts. */
  answer?: (earlier: ReceivedRequest[]) => Answer
  port?: number
}

export async function startReceiver (t: Test, secret: string, options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const webhook = new Webhook(secret)
  const requests: ReceivedRequest[] = []
  const held = new Set<ServerResponse>()
  const receiver: WebhookReceiver = {
    url: '',
    port: 0,
    requests,
    delivered: () => requests.filter(r => typeof r.answer === 'number' && r.answer >= 200 && r.answer < 300).map(r => r.id),
    close: async () => {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      if (server.listening) await new Promise(resolve => server.close(resolve))
    }
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]))
      let verified: unknown
      try {
        verified = webhook.verify(body, headers)
      } catch {}
      const id = headers['webhook-id'] ?? ''
      const answer = options.answer?.(requests.filter(r => r.id === id)) ?? options.plan?.[requests.length] ?? 200
      requests.push({ id, headers, body, verified, answer })
      if (answer === 'hang') {
        held.add(res)
        res.on('close', () => held.delete(res))
        return
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'no')
    })
  })
  server.listen(options.port ?? 0, '127.0.0.1')
  await once(server, 'listening')
  receiver.port = (server.address() as AddressInfo).port
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks/crisis`
  t.teardown(receiver.close)
  return receiver
}

/** Resolves once `condition` holds, checking every few milliseconds; fails after `timeoutMs`. */
export async function waitFor (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 5))
  }
}
