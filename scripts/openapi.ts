// `npm run openapi`: writes the OpenAPI document the routes produce (on default settings) to openapi.json.
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.ts'

const app = await buildApp({ env: { STORE: 'memory', LOG_LEVEL: 'silent', AGENT_PROVIDER: 'reflective' } })
await app.ready()
writeFileSync(new URL('../../openapi.json', import.meta.url), JSON.stringify(app.swagger(), null, 2) + '\n')
await app.close()
