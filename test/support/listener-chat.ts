// Talks to the offline listener through POST /chat (app.inject) and reads the SSE body as a client would.
import type { FastifyInstance } from 'fastify'
import { sseEvents } from './sse.ts'

export interface ListenerTurn {
  message: string
  reply: string
  /** The safety event's level when the message was flagged. */
  safety?: 'elevated' | 'crisis'
  done: any
}

export async function say (app: FastifyInstance, sessionId: string, message: string): Promise<ListenerTurn> {
  const response = await app.inject({ method: 'POST', url: '/chat', payload: { message, sessionId, userId: 'listener-tests' } })
  if (response.statusCode !== 200) throw new Error(`POST /chat answered ${response.statusCode}: ${response.body}`)
  const events = sseEvents(response.body).map(event => event.data)
  const reply = events.filter(e => typeof e.content === 'string').map(e => e.content).join('')
  return { message, reply, safety: events.find(e => 'safety' in e)?.safety.level, done: events.find(e => 'done' in e) }
}

/** Sends every message in order in one session and returns the turns. */
export async function converse (app: FastifyInstance, sessionId: string, messages: string[]): Promise<ListenerTurn[]> {
  const turns: ListenerTurn[] = []
  for (const message of messages) turns.push(await say(app, sessionId, message))
  return turns
}

/** The conversation's replies by turn, '' past the end: `const reply = repliesOf(turns); reply(2)`. */
export function repliesOf (turns: ListenerTurn[]): (index: number) => string {
  return index => turns[index]?.reply ?? ''
}

/** A transcript a reviewer can read: what the user would see. */
export function transcriptOf (title: string, turns: ListenerTurn[]): string {
  return `# ${title}\n\n` + turns.map(turn => `User: ${turn.message}\n${turn.safety !== undefined ? `[safety resources shown: ${turn.safety}]\n` : ''}Listener: ${turn.reply}\n`).join('\n')
}
