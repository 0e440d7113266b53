// A loopback TCP proxy in front of a server, whose open connections a test can cut at once: a
// dropped connection, as a phone going through a tunnel makes it.
import { once } from 'node:events'
import { createConnection, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface CuttableProxy {
  url: string
  cut: () => void
  close: () => Promise<void>
}

export async function startCuttableProxy (target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(target)
  const open = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) })
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => { for (const socket of open) socket.destroy() },
    close: async () => {
      for (const socket of open) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}
