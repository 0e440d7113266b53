// The chat state of the example app, on the TherapyBot client library: streams replies as they
// arrive, keeps every notice (the AI disclosure, a minor's) and the crisis resources, stops on request, resumes a dropped stream, and
// after a reload shows the session's stored conversation again.
import { useCallback, useEffect, useRef, useState } from 'react'
import { chat, messages, MessageTooLongError, resume, stop, TherapyBotError, type ChatEvent, type NoticeKind } from '../../../clients/therapybot-client.ts'

export interface Turn {
  role: 'user' | 'assistant'
  text: string
  status: 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'failed'
  /** The built-in offline listener answered, because the configured model failed. */
  fallback?: boolean
}

type SafetyEvent = Extract<ChatEvent, { type: 'safety' }>['safety']

const MAX_RESUMES = 5

// The notices, the resources and which replies were a fallback come only in a reply's stream, and
// the stored history holds none of them: they are kept beside the session id, so that a reload
// still shows them.
function saved<T> (key: string): T | undefined {
  const text = sessionStorage.getItem(key)
  return text === null ? undefined : JSON.parse(text) as T
}

function keep (key: string, value: unknown): void {
  sessionStorage.setItem(key, JSON.stringify(value))
}

/** `minor`: the user is a minor (the server then adds the minors' notices). */
export function useChat (baseUrl: string, sessionId: string, minor = false) {
  const [turns, setTurns] = useState<Turn[]>([])
  // Each kind's latest message: the AI disclosure, and for a minor the suitability notice and a break reminder.
  const [notices, setNotices] = useState<Partial<Record<NoticeKind, string>>>(() => saved(`therapybot-notices:${sessionId}`) ?? {})
  const [safety, setSafety] = useState<SafetyEvent | undefined>(() => saved(`therapybot-safety:${sessionId}`))
  const [connection, setConnection] = useState<'idle' | 'streaming' | 'reconnecting'>('idle')
  const [error, setError] = useState<string>()
  // Learnt from a refusal: the most characters one message may hold.
  const [limit, setLimit] = useState<number>()
  const abort = useRef<AbortController | undefined>(undefined)

  // A reload: the session lives on at the server, so show what it holds (unless a send came first).
  useEffect(() => {
    const controller = new AbortController()
    messages({ baseUrl, sessionId, signal: controller.signal }).then(stored => {
      const fallbacks = new Set(saved<string[]>(`therapybot-fallbacks:${sessionId}`))
      const restored = stored.map((message): Turn => ({ role: message.role, text: message.content, status: message.status, fallback: fallbacks.has(message.id) }))
      setTurns(all => all.length === 0 ? restored : all)
    }, (failure: unknown) => {
      if (!controller.signal.aborted) setError(`Could not load the conversation: ${failure instanceof Error ? failure.message : String(failure)}`)
    })
    return () => controller.abort()
  }, [baseUrl, sessionId])

  useEffect(() => { keep(`therapybot-notices:${sessionId}`, notices) }, [sessionId, notices])
  /** A break reminder, once read, may go; the rest stay in view. */
  const dismissNotice = useCallback((kind: NoticeKind) => {
    setNotices(({ [kind]: _gone, ...rest }) => rest)
  }, [])

  const updateReply = (change: (turn: Turn) => Turn): void => {
    setTurns(all => [...all.slice(0, -1), change(all.at(-1) as Turn)])
  }

  /** Sends a message; false when the server refused it before storing it (the caller keeps the text). */
  const send = useCallback(async (message: string): Promise<boolean> => {
    setError(undefined)
    setTurns(all => [...all, { role: 'user', text: message, status: 'complete' }, { role: 'assistant', text: '', status: 'streaming' }])
    const controller = new AbortController()
    abort.current = controller
    setConnection('streaming')
    let lastEventId: string | undefined
    let events: AsyncIterable<ChatEvent> = chat({ baseUrl, sessionId, message, minor, signal: controller.signal, onRetry: () => setConnection('reconnecting') })
    for (let attempt = 0; ; attempt++) {
      try {
        for await (const event of events) {
          lastEventId = event.id
          setConnection('streaming')
          if (event.type === 'content') updateReply(turn => ({ ...turn, text: turn.text + event.content }))
          else if (event.type === 'notice') {
            const { kind, message } = event.notice
            setNotices(all => ({ ...all, [kind]: message }))
          } else if (event.type === 'safety') {
            setSafety(event.safety)
            keep(`therapybot-safety:${sessionId}`, event.safety)
          }
          else if (event.type === 'done') {
            const status = event.stopReason === 'stopped' ? 'stopped' : event.stopReason === 'interrupted' ? 'interrupted' : 'complete'
            updateReply(turn => ({ ...turn, status, fallback: event.fallback === true }))
            if (event.fallback === true) keep(`therapybot-fallbacks:${sessionId}`, [...saved<string[]>(`therapybot-fallbacks:${sessionId}`) ?? [], event.messageId])
          } else if (event.type === 'error') {
            updateReply(turn => ({ ...turn, status: 'failed' }))
            setError(event.error)
          }
        }
        break
      } catch (failure) {
        if (controller.signal.aborted) break
        // Answered before the stream: the message was not stored, so it leaves the conversation.
        if (failure instanceof TherapyBotError && failure.status >= 400 && lastEventId === undefined) {
          setTurns(all => all.slice(0, -2))
          setConnection('idle')
          if (failure instanceof MessageTooLongError) {
            setLimit(failure.limit)
            setError(`Your message is too long to send${failure.limit !== undefined ? ` (the limit is ${failure.limit} characters)` : ''}, so it was not sent. It is still in the box: split it into shorter messages and send them one at a time.`)
          } else setError(`${failure.message} Your message was not sent; it is still in the box.`)
          return false
        }
        const dropped = failure instanceof TypeError || (failure instanceof TherapyBotError && failure.status === 0)
        if (!dropped || lastEventId === undefined || attempt >= MAX_RESUMES) {
          updateReply(turn => ({ ...turn, status: 'failed' }))
          setError(failure instanceof Error ? failure.message : String(failure))
          break
        }
        // The connection dropped mid-reply: the server keeps going; pick it up where we were.
        setConnection('reconnecting')
        await new Promise(resolve => setTimeout(resolve, 300 * (attempt + 1)))
        events = resume({ baseUrl, sessionId, lastEventId, signal: controller.signal })
      }
    }
    setConnection('idle')
    return true
  }, [baseUrl, sessionId, minor])

  // The server stops the model and ends the stream with done/stopped; if it cannot be reached, stop reading.
  const stopReply = useCallback(async () => {
    await stop({ baseUrl, sessionId }).catch(() => abort.current?.abort())
  }, [baseUrl, sessionId])

  return { turns, notices, dismissNotice, safety, connection, error, limit, send, stopReply }
}
