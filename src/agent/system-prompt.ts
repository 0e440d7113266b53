// The system prompt: the file shipped beside this module, or one the operator names.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export const DEFAULT_SYSTEM_PROMPT_FILE = fileURLToPath(new URL('./system-prompt.md', import.meta.url))

export async function loadSystemPrompt (file: string): Promise<string> {
  const path = file === '' ? DEFAULT_SYSTEM_PROMPT_FILE : file
  const text = (await readFile(path, 'utf8')).trim()
  if (text === '') throw new Error(`env/AGENT_SYSTEM_PROMPT_FILE: ${path} is empty`)
  return text
}
