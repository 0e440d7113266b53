// The example chat app: `npm run dev` serves it, `npm run build` builds it to dist/ (in this folder).
// Two pages: index.html (on the client library) and ai-sdk.html (on the AI SDK's useChat).
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), aiSdk: resolve(import.meta.dirname, 'ai-sdk.html') } }
  }
})
