// The built-in `reflective` provider: no model, no network; streams the counsellor's reply word by word.
import { setTimeout as sleep } from 'node:timers/promises'
import { estimateTokens } from '../../chat/tokens.ts'
import { CRISIS_REPLIES } from '../../safety/messages.ts'
import type { Agent, AgentReply, ChatTurn, StreamOptions } from '../types.ts'
import { composeReply } from './counsellor.ts'

export interface ReflectiveAgentOptions {
  /** Pause between words, so the stream feels like typing; 0 in tests. */
  wordDelayMs: number
}

export function createReflectiveAgent (options: ReflectiveAgentOptions): Agent {
  async function * stream (history: ChatTurn[], { signal, crisis }: StreamOptions): AgentReply {
    // A flagged message gets the reviewed crisis reply, never an improvised one.
    const reply = crisis === undefined ? composeReply(history) : CRISIS_REPLIES[crisis.category]
    const words = reply.match(/\S+\s*/g) ?? []
    for (const [index, word] of words.entries()) {
      signal.throwIfAborted()
      if (options.wordDelayMs > 0) await sleep(options.wordDelayMs, undefined, { signal })
      yield index < words.length - 1 ? word : word.trimEnd()
    }
    return {
      stopReason: 'end_turn',
      usage: {
        inputTokens: history.reduce((sum, turn) => sum + estimateTokens(turn.content), 0),
        outputTokens: estimateTokens(reply)
      }
    }
  }

  return {
    provider: 'reflective',
    model: 'reflective-listener-1',
    promptTokens: 0,
    stream
  }
}
