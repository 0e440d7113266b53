// The second entry (ai-sdk.html): the same chat on the Vercel AI SDK's useChat.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AiSdkChat } from './AiSdkChat.tsx'
import './styles.css'

createRoot(document.getElementById('root') as HTMLElement).render(<StrictMode><AiSdkChat /></StrictMode>)
