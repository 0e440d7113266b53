import { useEffect, useRef, useState, type FormEvent } from 'react'
import { NOTICE_KINDS } from '../../../clients/therapybot-client.ts'
import { useChat } from './use-chat.ts'

// The API to talk to: ?api=... in the address, else VITE_API_URL at build time, else a local server.
const query = new URLSearchParams(location.search)
const API = query.get('api') ?? import.meta.env.VITE_API_URL ?? 'http://localhost:5000'
// Whether the user is a minor: a real app knows it from its sign-up (with authentication on, the token's claim decides).
const MINOR = query.get('minor') === 'true'

// The notices kept pinned at the top: every kind the server sends but the break reminder.
const STANDING = NOTICE_KINDS.filter(kind => kind !== 'break_reminder')

function sessionId (): string {
  const saved = sessionStorage.getItem('therapybot-session')
  if (saved !== null) return saved
  const made = `web-${crypto.randomUUID()}`
  sessionStorage.setItem('therapybot-session', made)
  return made
}

export function App () {
  const [session] = useState(sessionId)
  const { turns, notices, dismissNotice, safety, connection, error, limit, send, stopReply } = useChat(API, session, MINOR)
  const [draft, setDraft] = useState('')
  const busy = connection !== 'idle'
  const end = useRef<HTMLDivElement>(null)

  // Follow the conversation: each new turn and each piece of a reply brings the end into view.
  useEffect(() => { end.current?.scrollIntoView({ block: 'end' }) }, [turns])

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const text = draft
    if (text.trim() === '' || busy) return
    setDraft('')
    // Refused (too long, say): the text comes back to the box, unless something new was typed there.
    void send(text).then(sent => { if (!sent) setDraft(current => current === '' ? text : current) })
  }
  // Counted as the server counts: by character, not by UTF-16 unit.
  const length = Array.from(draft).length

  return (
    <main>
      {/* Pinned: the notices and the crisis resources stay in view however long the conversation. */}
      <header className='pinned'>
        <h1>TherapyBot</h1>
        {STANDING.map(kind => notices[kind] !== undefined && (
          <p key={kind} className={`notice ${kind}`} role='note' data-testid='notice' data-kind={kind}>{notices[kind]}</p>
        ))}
        {safety !== undefined && (
          <details className='safety' role='alert' data-testid='safety' open>
            <summary>{safety.message}</summary>
            <ul>
              {safety.resources.map(resource => (
                <li key={resource.name}>
                  <strong>{resource.name}</strong>
                  {resource.phone !== undefined && <> · call <a href={`tel:${resource.phone}`}>{resource.phone}</a></>}
                  {resource.text !== undefined && <> · text {resource.text}</>}
                  {resource.url !== undefined && <> · <a href={resource.url} target='_blank' rel='noreferrer'>website</a></>}
                  {resource.description !== undefined && <div>{resource.description}</div>}
                </li>
              ))}
            </ul>
          </details>
        )}
      </header>
      <ol className='turns' aria-live='polite'>
        {turns.map((turn, index) => (
          <li key={index} className={turn.role} data-testid={turn.role} data-status={turn.status}>
            {turn.text}
            {turn.status === 'stopped' && <em> (stopped)</em>}
            {turn.status === 'unreadable' && <em>(this message could not be read)</em>}
            {turn.fallback === true && <small className='fallback' data-testid='fallback'>The AI model could not be reached, so the simpler built-in listener answered this one.</small>}
          </li>
        ))}
      </ol>
      {connection === 'reconnecting' && <p className='status' data-testid='reconnecting'>Connection lost; reconnecting…</p>}
      <form onSubmit={submit}>
        {/* A break reminder comes later, so it shows beside the message box until it is read. */}
        {notices.break_reminder !== undefined && (
          <p className='notice break_reminder' role='note' data-testid='notice' data-kind='break_reminder'>
            {notices.break_reminder}
            <button type='button' onClick={() => dismissNotice('break_reminder')}>OK</button>
          </p>
        )}
        {error !== undefined && <p className='error' role='alert' data-testid='error'>{error}</p>}
        {/* No maxLength: it would cut a pasted text short without a word; the server's limit is told instead. */}
        <textarea
          aria-label='Your message'
          value={draft}
          onChange={event => setDraft(event.target.value)}
          placeholder='How are you feeling?'
        />
        {limit !== undefined && <span className={length > limit ? 'count over' : 'count'} data-testid='count'>{length} / {limit}</span>}
        <button type='submit' disabled={busy || draft.trim() === ''}>Send</button>
        <button type='button' onClick={() => { void stopReply() }} disabled={!busy}>Stop</button>
      </form>
      <div ref={end} />
    </main>
  )
}
