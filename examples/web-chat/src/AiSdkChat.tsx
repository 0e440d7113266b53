// The example chat on the Vercel AI SDK's useChat, against POST /ai-sdk/chat: the notice and the
// crisis resources come as data parts, a reload resumes a reply still streaming (resume: true),
// and stop also stops the reply on the server (useChat's stop() only aborts the fetch).
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useChat } from '@ai-sdk/react'
import { DefaultChatTransport, type UIMessage } from 'ai'

const query = new URLSearchParams(location.search)
const API = query.get('api') ?? import.meta.env.VITE_API_URL ?? 'http://localhost:5000'
const SESSION_KEY = 'therapybot-ai-sdk-session'

interface Safety {
  message: string
  resources: Array<{ name: string, phone?: string, text?: string, url?: string }>
}

/** The data parts the service sends: the notice and the crisis resources. */
type ChatMessage = UIMessage<unknown, { notice: { kind: string, message: string }, safety: Safety }>

function sessionId (): string {
  const saved = sessionStorage.getItem(SESSION_KEY)
  if (saved !== null) return saved
  const made = `web-${crypto.randomUUID()}`
  sessionStorage.setItem(SESSION_KEY, made)
  return made
}

/** The session's stored conversation as UIMessages: the server's history is the conversation. */
async function storedMessages (session: string): Promise<ChatMessage[]> {
  const response = await fetch(`${API}/sessions/${encodeURIComponent(session)}/messages`)
  if (response.status === 404) return []
  const body = await response.json() as { messages: Array<{ id: string, role: 'user' | 'assistant', content: string }> }
  return body.messages.map(message => ({ id: message.id, role: message.role, parts: [{ type: 'text', text: message.content }] }))
}

/** A resource's ways in: a phone to call, a number to text, a website. */
function contacts (resource: Safety['resources'][number]) {
  const ways: Array<[string, string | undefined, string | undefined]> = [
    ['call', resource.phone, `tel:${resource.phone ?? ''}`],
    ['text', resource.text, undefined],
    ['website', resource.url, resource.url]
  ]
  return ways.flatMap(([how, value, href]) => value === undefined
    ? []
    : [<span key={how}> · {href === undefined ? `${how} ${value}` : <a href={href} target={how === 'website' ? '_blank' : undefined} rel='noreferrer'>{how === 'website' ? how : `${how} ${value}`}</a>}</span>])
}

const textOf = (message: ChatMessage): string => message.parts.flatMap(part => part.type === 'text' ? [part.text] : []).join('')

export function AiSdkChat () {
  const [session] = useState(sessionId)
  const [initial, setInitial] = useState<ChatMessage[] | undefined>()
  useEffect(() => { void storedMessages(session).then(setInitial, () => setInitial([])) }, [session])
  // useChat resumes when it mounts: mount it once the stored conversation is there.
  return initial === undefined ? null : <Conversation session={session} initial={initial} />
}

function Conversation ({ session, initial }: { session: string, initial: ChatMessage[] }) {
  const { messages, sendMessage, stop, status, error } = useChat<ChatMessage>({
    id: session,
    messages: initial,
    resume: true,
    transport: new DefaultChatTransport({ api: `${API}/ai-sdk/chat` })
  })
  const [draft, setDraft] = useState('')
  const [stopped, setStopped] = useState<string[]>([])
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => { end.current?.scrollIntoView({ block: 'end' }) }, [messages])

  const busy = status === 'submitted' || status === 'streaming'
  const parts = messages.flatMap(message => message.parts)
  const notice = parts.flatMap(part => part.type === 'data-notice' ? [part.data] : [])[0]
  const safety = parts.flatMap(part => part.type === 'data-safety' ? [part.data] : []).at(-1)
  const last = messages.at(-1)

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (draft.trim() === '' || busy) return
    void sendMessage({ text: draft })
    setDraft('')
  }
  const stopReply = async (): Promise<void> => {
    if (last?.role === 'assistant') setStopped(ids => [...ids, last.id])
    await stop()
    // The fetch alone is aborted: the server would go on for the resume window.
    await fetch(`${API}/sessions/${encodeURIComponent(session)}/stop`, { method: 'POST' })
  }
  const statusOf = (message: ChatMessage): string => {
    if (stopped.includes(message.id)) return 'stopped'
    return busy && message === last ? 'streaming' : 'complete'
  }

  return (
    <main>
      <header className='pinned'>
        <h1>TherapyBot</h1>
        {notice !== undefined && <p className='notice ai_disclosure' role='note' data-testid='notice'>{notice.message}</p>}
        {safety !== undefined && (
          <details className='safety' role='alert' data-testid='safety' open>
            <summary>{safety.message}</summary>
            <ul>
              {safety.resources.map(resource => <li key={resource.name}><strong>{resource.name}</strong>{contacts(resource)}</li>)}
            </ul>
          </details>
        )}
      </header>
      <ol className='turns'>
        {messages.map(message => (
          <li key={message.id} className={message.role} data-testid={message.role} data-status={message.role === 'assistant' ? statusOf(message) : undefined}>{textOf(message)}</li>
        ))}
      </ol>
      <div ref={end} />
      <form onSubmit={submit}>
        {error !== undefined && <p className='error' role='alert' data-testid='error'>{error.message}</p>}
        <label htmlFor='message'>Your message</label>
        <textarea id='message' value={draft} onChange={event => setDraft(event.target.value)} />
        {busy
          ? <button type='button' onClick={() => { void stopReply() }}>Stop</button>
          : <button type='submit'>Send</button>}
      </form>
    </main>
  )
}
