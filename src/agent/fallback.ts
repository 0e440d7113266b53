// An agent that hands the reply to another (the offline listener) when the first fails before its first token,
// so a person is never left with an error instead of a reply. After the first token a failure stays an error.
import type { Agent, AgentOutcome, AgentReply, ChatTurn, StreamOptions } from './types.ts'

export function withFallback (primary: Agent, fallback: Agent, onFallback?: (error: unknown) => void): Agent {
  function stream (history: ChatTurn[], options: StreamOptions): AgentReply {
    let reply = primary.stream(history, options)
    let started = false
    let fellBack = false
    const mark = (step: IteratorResult<string, AgentOutcome>): IteratorResult<string, AgentOutcome> =>
      step.done === true && fellBack ? { done: true, value: { ...step.value, fallback: true } } : step
    // Once started, each step is the reply's own promise (no hop added per token) unless fallen back.
    const first = async (): Promise<IteratorResult<string, AgentOutcome>> => {
      try {
        const step = await reply.next()
        started = true
        return step
      } catch (error) {
        // A stop or a disconnect is not a failure to cover.
        if (options.signal.aborted) throw error
        onFallback?.(error)
        reply = fallback.stream(history, options)
        fellBack = true
        started = true
        return mark(await reply.next())
      }
    }
    return {
      next: () => !started ? first() : fellBack ? reply.next().then(mark) : reply.next(),
      return: async (value?: AgentOutcome | PromiseLike<AgentOutcome>) =>
        await reply.return?.(value) ?? { done: true, value: await (value as AgentOutcome) }
    }
  }
  return { provider: primary.provider, model: primary.model, promptTokens: primary.promptTokens, stream }
}
