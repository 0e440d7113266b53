// The service's name and version, read from package.json (found upward from here, in src/ or dist/).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageJson (dir: string): string {
  const candidate = join(dir, 'package.json')
  if (existsSync(candidate)) return candidate
  const parent = dirname(dir)
  if (parent === dir) throw new Error('package.json not found')
  return findPackageJson(parent)
}

export const packageInfo = JSON.parse(
  readFileSync(findPackageJson(dirname(fileURLToPath(import.meta.url))), 'utf8')) as { version: string }
