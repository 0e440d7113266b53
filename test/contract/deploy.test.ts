// The container and Kubernetes files, checked with real tools (no Docker engine runs here):
// Kubernetes schemas through kubernetes-models, and `docker-compose config` (Debian's docker-compose).
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import * as core from 'kubernetes-models/v1'
import * as apps from 'kubernetes-models/apps/v1'
import * as policy from 'kubernetes-models/policy/v1'
import { ConfigSchema } from '../../plugins/config.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = `${root}deploy/kubernetes/`
const models: Record<string, Record<string, new (data: any) => { validate: () => void }>> = {
  v1: core as any, 'apps/v1': apps as any, 'policy/v1': policy as any
}

const manifests = readdirSync(dir).filter(name => name.endsWith('.yaml')).flatMap(name =>
  parseAllDocuments(readFileSync(dir + name, 'utf8')).map(doc => ({ file: name, object: doc.toJSON() })))
const find = (kind: string, name: string) => manifests.find(m => m.object.kind === kind && m.object.metadata.name === name)?.object

t.test('every manifest validates against the Kubernetes schema', async (t) => {
  t.ok(manifests.length >= 6)
  for (const { file, object } of manifests) {
    const Model = models[object.apiVersion]?.[object.kind]
    if (Model === undefined) {
      t.fail(`${file}: no schema for ${object.apiVersion} ${object.kind}`)
      continue
    }
    t.doesNotThrow(() => new Model(object).validate(), `${file}: ${object.kind} ${object.metadata.name}`)
  }
})

t.test('the Deployment probes, drains and takes its settings from a ConfigMap and a Secret', async (t) => {
  const deployment = find('Deployment', 'therapybot-api')
  const pod = deployment.spec.template.spec
  const api = pod.containers[0]
  t.equal(api.livenessProbe.httpGet.path, '/health/live')
  t.equal(api.readinessProbe.httpGet.path, '/health/ready')
  const config = find('ConfigMap', 'therapybot-config')
  const graceSeconds = Number(config.data.SHUTDOWN_GRACE_MS) / 1000
  t.ok(pod.terminationGracePeriodSeconds > graceSeconds + 5, 'the pod outlives the drain')
  t.same(api.envFrom.map((source: any) => source.configMapRef?.name ?? source.secretRef?.name), ['therapybot-config', 'therapybot-secrets'])
  t.equal(pod.securityContext.runAsNonRoot, true)
  t.ok(deployment.spec.replicas >= 2)

  const heapMb = Number(/--max-old-space-size=(\d+)/.exec(api.env.find((e: any) => e.name === 'NODE_OPTIONS')?.value ?? '')?.[1])
  const limitMb = Number(/^(\d+)Mi$/.exec(api.resources.limits.memory)?.[1])
  t.ok(heapMb > 0 && heapMb <= limitMb * 0.7, `the heap (${heapMb} MB) is capped well under the memory limit (${limitMb} Mi)`)

  const known = Object.keys(ConfigSchema.properties)
  for (const name of [...Object.keys(config.data), ...Object.keys(find('Secret', 'therapybot-secrets').stringData)]) {
    t.ok(known.includes(name), `${name} is a setting the service reads`)
  }
  const redisService = find('Service', 'therapybot-redis')
  t.equal(config.data.STORE, 'redis')
  t.equal(config.data.REDIS_URL, `redis://${redisService.metadata.name}:${redisService.spec.ports[0].port}`)
})

t.test('the Dockerfile builds in stages and runs as a non-root user in production mode', async (t) => {
  const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8')
  t.equal(dockerfile.match(/^FROM /gm)?.length, 2, 'multi-stage')
  t.match(dockerfile, /^USER node$/m)
  t.match(dockerfile, /NODE_ENV=production/)
  t.match(dockerfile, /^HEALTHCHECK .*\/health\/live/m)
  t.match(dockerfile, /^CMD \["node", "dist\/src\/server.js"\]$/m, 'node directly, so SIGTERM reaches the server')
})

t.test('npm start, the Dockerfile and the Deployment set the same heap cap, the same way (NODE_OPTIONS)', async (t) => {
  const start = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts.start as string
  // An operator's own NODE_OPTIONS replaces it, as it replaces the image's.
  const fromStart = /^NODE_OPTIONS=\$\{NODE_OPTIONS:-(--max-old-space-size=\d+)\} node dist\/src\/server\.js$/.exec(start)?.[1]
  const fromImage = /^ENV NODE_OPTIONS=(--max-old-space-size=\d+)$/m.exec(readFileSync(`${root}Dockerfile`, 'utf8'))?.[1]
  const api = find('Deployment', 'therapybot-api').spec.template.spec.containers[0]
  const fromDeployment = api.env.find((e: any) => e.name === 'NODE_OPTIONS')?.value
  t.ok(fromStart, `npm start sets the cap: ${start}`)
  t.equal(fromImage, fromStart, 'the Dockerfile')
  t.equal(fromDeployment, fromStart, 'the Deployment')
})

t.test('docker-compose.yml is valid: two API replicas on one Redis with append-only persistence', async (t) => {
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: root, encoding: 'utf8' })
  if (result.error !== undefined && process.env.CI !== 'true') {
    t.skip('docker-compose is not installed (apt-get install docker-compose)', () => {})
    return
  }
  t.equal(result.status, 0, result.stderr)
  const compose = parseAllDocuments(result.stdout)[0]?.toJSON()
  t.equal(compose.services.api.deploy.replicas, 2)
  t.equal(compose.services.api.environment.STORE, 'redis')
  t.same(compose.services.redis.command, ['redis-server', '--appendonly', 'yes'])
})
