// The chat state of the example app, on the TherapyBot client library: streams replies as they
// arrive, keeps every notice (the AI disclosure, a minor's) and the crisis resources, stops on
// request, resumes a dropped stream, and after a reload shows the session's stored conversation
// again and follows a reply that was still streaming.
import { useCallback, useEffect, useRef, useState } from 'react'
import { chat, messages, MessageTooLongError, resume, stop, TherapyBotError, type ChatEvent, type NoticeKind, type StoredMessage } from '../../../clients/therapybot-client.ts'

export interface Turn {
  role: 'user' | 'assistant'
  text: string
  status: 'streaming' | StoredMessage['status'] | 'stopped'
  /** The stored message's id, once known. */
  id?: string
  /** The built-in offline listener answered, because the configured model failed. */
  fallback?: boolean
}

type SafetyEvent = Extract<ChatEvent, { type: 'safety' }>['safety']

/** The reply being read: the last event's id and the text shown up to it. */
interface Unfinished { lastEventId: string, text: string }

const MAX_RESUMES = 5

// The notices, the resources, which replies were a fallback and the reply being read come only in
// a reply's stream, and the stored history holds none of them: they are kept beside the session
// id, so that a reload still shows them.
function saved<T> (key: string): T | undefined {
  const text = sessionStorage.getItem(key)
  return text === null ? undefined : JSON.parse(text) as T
}

function keep (key: string, value: unknown): void {
  sessionStorage.setItem(key, JSON.stringify(value))
}

/** An event id is `<replyId>:<sequence>`, and the reply is stored under that id. */
function replyIdOf (eventId: string): string {
  return eventId.slice(0, eventId.lastIndexOf(':'))
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
  const unfinishedKey = `therapybot-reply:${sessionId}`

  const updateReply = (change: (turn: Turn) => Turn): void => {
    setTurns(all => [...all.slice(0, -1), change(all.at(-1) as Turn)])
  }

  /**
   * Reads a reply's events into the last turn, resuming after a dropped connection, to its end.
   * 'refused' when the server answered an error before the stream (the message was not stored).
   */
  const follow = useCallback(async (first: AsyncIterable<ChatEvent>, controller: AbortController, from?: Unfinished): Promise<'refused' | 'read'> => {
    abort.current = controller
    setConnection('streaming')
    let lastEventId = from?.lastEventId
    let text = from?.text ?? ''
    let ended = false
    // The stream ended without its last event (the reply had ended meanwhile): show it as stored.
    const settle = async (): Promise<void> => {
      const stored = lastEventId === undefined ? undefined : (await messages({ baseUrl, sessionId }).catch(() => [])).find(message => message.id === replyIdOf(lastEventId as string))
      updateReply(turn => stored === undefined ? { ...turn, status: 'interrupted' } : { ...turn, text: stored.content, status: stored.status, id: stored.id })
    }
    let events = first
    for (let attempt = 0; ; attempt++) {
      try {
        for await (const event of events) {
          lastEventId = event.id
          setConnection('streaming')
          if (event.type === 'content') {
            text += event.content
            updateReply(turn => ({ ...turn, text }))
          } else if (event.type === 'notice') {
            const { kind, message } = event.notice
            setNotices(all => ({ ...all, [kind]: message }))
          } else if (event.type === 'safety') {
            setSafety(event.safety)
            keep(`therapybot-safety:${sessionId}`, event.safety)
          } else if (event.type === 'done') {
            const status = event.stopReason === 'stopped' ? 'stopped' : event.stopReason === 'interrupted' ? 'interrupted' : 'complete'
            updateReply(turn => ({ ...turn, status, id: event.messageId, fallback: event.fallback === true }))
            if (event.fallback === true) keep(`therapybot-fallbacks:${sessionId}`, [...saved<string[]>(`therapybot-fallbacks:${sessionId}`) ?? [], event.messageId])
          } else if (event.type === 'error') {
            updateReply(turn => ({ ...turn, status: 'failed' }))
            setError(event.error)
          }
          ended = event.type === 'done' || event.type === 'error'
          // Kept so that a reload can follow the rest (GET /sessions/{id}/stream after this id).
          if (ended) sessionStorage.removeItem(unfinishedKey)
          else keep(unfinishedKey, { lastEventId, text } satisfies Unfinished)
        }
        if (!ended) await settle()
        break
      } catch (failure) {
        if (controller.signal.aborted) break
        // Answered before the stream: the message was not stored, so it leaves the conversation.
        if (failure instanceof TherapyBotError && failure.status >= 400 && lastEventId === undefined) {
          setTurns(all => all.slice(0, -2))
          setConnection('idle')
          if (failure instanceof MessageTooLongError) {
            setLimit(failure.limit)
            // What they wrote may be a cry for help even though it was too long to send: the resources now.
            if (failure.safety !== undefined) setSafety(failure.safety)
            setError(`Your message is too long to send${failure.limit !== undefined ? ` (the limit is ${failure.limit} characters)` : ''}, so it was not sent. It is still in the box: split it into shorter messages and send them one at a time.`)
          } else setError(`${failure.message} Your message was not sent; it is still in the box.`)
          return 'refused'
        }
        // The server no longer holds the reply's events (it ended a while ago): the store has it.
        if (failure instanceof TherapyBotError && failure.code === 'REPLY_NOT_FOUND') {
          sessionStorage.removeItem(unfinishedKey)
          await settle()
          break
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
    return 'read'
  }, [baseUrl, sessionId, unfinishedKey])

  // A reload: the session lives on at the server, so show what it holds (unless a send came first),
  // and if its latest reply was still streaming when the page went, follow the rest of it.
  useEffect(() => {
    const controller = new AbortController()
    const unfinished = saved<Unfinished>(unfinishedKey)
    messages({ baseUrl, sessionId, signal: controller.signal }).then(stored => {
      const fallbacks = new Set(saved<string[]>(`therapybot-fallbacks:${sessionId}`))
      const restored = stored.map((message): Turn => ({ role: message.role, text: message.content, status: message.status, id: message.id, fallback: fallbacks.has(message.id) }))
      const replyId = unfinished === undefined ? undefined : replyIdOf(unfinished.lastEventId)
      const kept = stored.find(message => message.id === replyId)
      // While it streams the store holds the reply as interrupted (or not yet at all).
      if (unfinished === undefined || (kept !== undefined && kept.status !== 'interrupted')) {
        sessionStorage.removeItem(unfinishedKey)
        setTurns(all => all.length === 0 ? restored : all)
        return
      }
      // The text shown before the reload, then the events after it.
      const others = restored.filter(turn => turn.id !== replyId)
      setTurns(all => all.length === 0 ? [...others, { role: 'assistant', text: unfinished.text, status: 'streaming', id: replyId }] : all)
      void follow(resume({ baseUrl, sessionId, lastEventId: unfinished.lastEventId, signal: controller.signal }), controller, unfinished)
    }, (failure: unknown) => {
      if (!controller.signal.aborted) setError(`Could not load the conversation: ${failure instanceof Error ? failure.message : String(failure)}`)
    })
    return () => controller.abort()
  }, [baseUrl, sessionId, unfinishedKey, follow])

  useEffect(() => { keep(`therapybot-notices:${sessionId}`, notices) }, [sessionId, notices])
  /** A break reminder, once read, may go; the rest stay in view. */
  const dismissNotice = useCallback((kind: NoticeKind) => {
    setNotices(({ [kind]: _gone, ...rest }) => rest)
  }, [])

  /** Sends a message; false when the server refused it before storing it (the caller keeps the text). */
  const send = useCallback(async (message: string): Promise<boolean> => {
    setError(undefined)
    setTurns(all => [...all, { role: 'user', text: message, status: 'complete' }, { role: 'assistant', text: '', status: 'streaming' }])
    const controller = new AbortController()
    const events = chat({ baseUrl, sessionId, message, minor, signal: controller.signal, onRetry: () => setConnection('reconnecting') })
    return await follow(events, controller) === 'read'
  }, [baseUrl, sessionId, minor, follow])

  // The server stops the model and ends the stream with done/stopped; if it cannot be reached, stop reading.
  const stopReply = useCallback(async () => {
    await stop({ baseUrl, sessionId }).catch(() => abort.current?.abort())
  }, [baseUrl, sessionId])

  return { turns, notices, dismissNotice, safety, connection, error, limit, send, stopReply }
}
