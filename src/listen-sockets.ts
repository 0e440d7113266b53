// More listening sockets on the server's port (SO_REUSEPORT), their connections handed to the one
// HTTP server. Node accepts one connection per listening socket per event-loop turn, so a busy
// process with one socket lets a burst of new streams overflow the kernel's queue (bench/PROFILE.md);
// each socket more is one accept more per turn. MAX_CONNECTIONS still counts them all.
import type { Server as HttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { once } from 'node:events'

export interface ListenSocketsOptions {
  /** Listening sockets besides the server's own. */
  extra: number
  host: string
  port: number
  backlog: number
  /** At most this many connections over all the sockets (the server's `maxConnections` as set). */
  maxConnections: number
}

/** Opens the extra sockets beside `server`'s own, which must already listen with `reusePort`. */
export async function listenAlso (server: HttpServer, options: ListenSocketsOptions): Promise<Server[]> {
  const { maxConnections } = options
  let all = 0
  let extras = 0
  // Every connection reaches the server's 'connection' listeners: counted there, once.
  server.prependListener('connection', (socket: Socket) => {
    all++
    socket.once('close', () => { all-- })
  })
  const handOver = (socket: Socket): void => {
    if (all >= maxConnections) {
      socket.destroy()
      return
    }
    extras++
    // The server's own socket takes only what the others leave of the cap.
    server.maxConnections = maxConnections - extras
    socket.once('close', () => {
      extras--
      server.maxConnections = maxConnections - extras
    })
    server.emit('connection', socket)
  }
  const listeners: Server[] = []
  for (let i = 0; i < options.extra; i++) {
    // As node:http makes its own: half-open allowed (HTTP manages it), Nagle off.
    const listener = createServer({ allowHalfOpen: true, noDelay: true }, handOver)
    listener.listen({ host: options.host, port: options.port, backlog: options.backlog, reusePort: true })
    await once(listener, 'listening')
    listeners.push(listener)
  }
  return listeners
}

/**
 * Stops accepting on the extra sockets now. Not waiting for their connections to end: they belong to
 * the HTTP server, whose own close ends them.
 */
export function closeAll (listeners: Server[]): void {
  for (const listener of listeners) listener.close()
}
