// Extra listening sockets on one port: their connections are served by the one HTTP server, and
// MAX_CONNECTIONS holds over all of them together.
import t from 'tap'
import { createServer } from 'node:http'
import { connect, type AddressInfo, type ListenOptions } from 'node:net'
import { once } from 'node:events'
import { closeAll, listenAlso } from '../../src/listen-sockets.ts'

/** Opens a connection, sends one keep-alive request; resolves true once answered, false if closed first. */
async function ask (port: number): Promise<{ answered: boolean, close: () => void }> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n')
  const answered = await new Promise<boolean>(resolve => {
    socket.once('data', () => resolve(true))
    socket.once('close', () => resolve(false))
    socket.once('error', () => resolve(false))
  })
  return { answered, close: () => socket.destroy() }
}

t.test('connections over four sockets are all served, and the cap counts them together', async (t) => {
  const max = 12
  const server = createServer((_req, res) => res.end('ok'))
  server.maxConnections = max
  const options: ListenOptions = { host: '127.0.0.1', port: 0, reusePort: true }
  server.listen(options)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const extras = await listenAlso(server, { extra: 3, host: '127.0.0.1', port, backlog: 511, maxConnections: max })
  t.teardown(() => {
    closeAll(extras)
    server.closeAllConnections()
    server.close()
  })
  let viaExtras = 0
  for (const extra of extras) extra.on('connection', () => { viaExtras++ })

  const held = []
  for (let i = 0; i < 20; i++) held.push(await ask(port))
  t.equal(held.filter(c => c.answered).length, max, `${max} of 20 open connections answered`)
  t.ok(viaExtras > 0, `the extra sockets took some (${viaExtras})`)

  // Closing some frees room for as many new ones, on whichever socket they land.
  for (const connection of held.filter(c => c.answered).slice(0, 4)) connection.close()
  for (const connection of held) if (!connection.answered) connection.close()
  await new Promise(resolve => setTimeout(resolve, 100))
  const more = []
  for (let i = 0; i < 8; i++) more.push(await ask(port))
  t.equal(more.filter(c => c.answered).length, 4, 'four more answered once four closed')
  for (const connection of [...held, ...more]) connection.close()
})
