// The published crisis protocol (SB 243 asks that it be on the operator's website): one Markdown
// source, crisis-protocol.md, which the README's section repeats word for word, served as
// Markdown or as HTML with its version and the active profiles.
import { readFileSync } from 'node:fs'
import { SCREEN_VERSION } from '../safety/screen.ts'

/** The protocol's version: changes when what triggers it or what the user sees changes. */
export const PROTOCOL_VERSION = `1.1.0+screen.${SCREEN_VERSION}`

export const PROTOCOL_MARKDOWN = readFileSync(new URL('./crisis-protocol.md', import.meta.url), 'utf8')

export interface ProtocolContext {
  /** The active profiles' ids and laws. */
  profiles: Array<{ id: string, law: string }>
}

export function protocolMarkdown ({ profiles }: ProtocolContext): string {
  return [
    '# Crisis protocol',
    '',
    `Version ${PROTOCOL_VERSION}. In force for: ${profiles.map(p => `${p.law} (${p.id})`).join('; ')}.`,
    '',
    PROTOCOL_MARKDOWN.trim(),
    ''
  ].join('\n')
}

function escapeHtml (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The little Markdown the protocol uses: a heading, paragraphs, **strong**, *emphasis*, `code`. */
function inline (text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/`(.+?)`/g, '<code>$1</code>')
}

export function protocolHtml (context: ProtocolContext): string {
  const blocks = protocolMarkdown(context).split(/\n\s*\n/).map(block => block.replace(/\n/g, ' ').trim()).filter(Boolean)
  const body = blocks.map(block => block.startsWith('# ') ? `<h1>${inline(block.slice(2))}</h1>` : `<p>${inline(block)}</p>`).join('\n')
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Crisis protocol</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n<body>\n${body}\n</body>\n</html>\n`
}
