// @fastify/swagger: the OpenAPI 3.1 document, generated from the route schemas, at GET /openapi.json.
// Registered before the routes so that it sees them all; no docs UI (the service renders no HTML).
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import { completeDocument } from '../src/openapi/complete-document.ts'
import { packageInfo } from '../src/package-info.ts'

export default fp(async function openapiPlugin (app) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'TherapyBot API',
        version: packageInfo.version,
        description: 'Mental-health support chat: a message in, the reply streamed back as Server-Sent Events.',
        contact: { name: 'TherapyBot API maintainers' },
        license: { name: 'MIT', identifier: 'MIT' }
      },
      servers: [{
        url: '{scheme}://{host}',
        description: 'Wherever the service runs: http://localhost:5000 after npm start',
        variables: { scheme: { default: 'http', enum: ['http', 'https'] }, host: { default: 'localhost:5000', description: "A deployment's host and port" } }
      }],
      tags: [
        { name: 'chat', description: 'Send a message; resume or stop its reply' },
        { name: 'ai-sdk', description: "The Vercel AI SDK's useChat: its request in, its UI message stream out" },
        { name: 'sessions', description: 'History and erasure' },
        { name: 'health', description: 'Probes' },
        { name: 'info', description: 'About the API' },
        { name: 'compliance', description: 'The published crisis protocol and the referral reports the law asks for' }
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Needed when the operator turns authentication on' }
        }
      }
    },
    transformObject: (document) => 'openapiObject' in document ? completeDocument(document.openapiObject) : document.swaggerObject,
    // Shared schemas keep their $id as their component name (ApiError, ChatEvent...), stable for generated clients.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })
