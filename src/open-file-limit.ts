// The process's open-file limit (`ulimit -n`, soft), read from /proc on Linux: every connection
// holds a file descriptor, so a MAX_CONNECTIONS above it is never reached (accept fails first).
import { readFileSync } from 'node:fs'

/** The soft limit, or undefined where it cannot be read (not Linux) or is unlimited. */
export function openFileLimit (): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find(row => row.startsWith('Max open files'))
    const soft = Number(line?.split(/\s{2,}/)[1])
    return Number.isFinite(soft) ? soft : undefined
  } catch {
    return undefined
  }
}
