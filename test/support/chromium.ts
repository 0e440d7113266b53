// Real Chromium (Debian's package) driven by playwright-core, and a static server on another origin
// for the pages under test. Without Chromium the test is skipped, except under CI=true.
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import ts from 'typescript'
import type { Test } from 'tap'

export const CHROMIUM = '/usr/bin/chromium'
const root = fileURLToPath(new URL('../..', import.meta.url))

export async function launchChromium (t: Test): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`)
    t.skip('chromium is not installed (apt-get install chromium)', () => {})
    return undefined
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync']
  })
  t.teardown(() => browser.close())
  return browser
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

/**
 * Serves files on a loopback origin of its own: `pages` by path, `/client.js` (the client library,
 * transpiled), `/eventsource-parser.js`, @microsoft/fetch-event-source's ES modules under
 * `/fetch-event-source/` (its imports name no extension), and anything under `dir` when given (a
 * built app).
 */
export async function serveStatic (t: Test, pages: Record<string, string>, dir?: string): Promise<string> {
  const client = ts.transpileModule(readFileSync(join(root, 'clients/therapybot-client.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
  }).outputText
  const files: Record<string, [string, string | Buffer]> = {
    '/client.js': ['text/javascript', client],
    '/eventsource-parser.js': ['text/javascript', readFileSync(join(root, 'node_modules/eventsource-parser/dist/index.js'))]
  }
  for (const name of ['index', 'fetch', 'parse']) {
    files[`/fetch-event-source/${name}`] = ['text/javascript', readFileSync(join(root, `node_modules/@microsoft/fetch-event-source/lib/esm/${name}.js`))]
  }
  for (const [path, html] of Object.entries(pages)) files[path] = ['text/html', html]
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    const file = files[path] ?? (dir !== undefined && existsSync(join(dir, path)) && !path.endsWith('/')
      ? [TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(join(dir, path))] as [string, Buffer]
      : dir !== undefined ? ['text/html', readFileSync(join(dir, 'index.html'))] as [string, Buffer] : undefined)
    if (file === undefined) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': file[0] }).end(file[1])
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.close() })
  // localhost, not 127.0.0.1: another origin than the API's, as a real front end would be.
  return `http://localhost:${(server.address() as AddressInfo).port}`
}

/** An import map so that the page can load the client library as it is published. */
export const IMPORT_MAP = '<script type="importmap">{"imports":{"eventsource-parser":"/eventsource-parser.js"}}</script>'
