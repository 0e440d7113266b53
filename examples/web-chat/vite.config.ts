// The example chat app: `npm run dev` serves it, `npm run build` builds it to dist/ (in this folder).
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true }
})
