// Crisis resources shown with every safety event: the shipped file, or one the operator names.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { REGIONS, type Region } from './region.ts'
import type { RiskCategory } from './taxonomy.ts'

export const DEFAULT_CRISIS_RESOURCES_FILE = fileURLToPath(new URL('./crisis-resources.json', import.meta.url))

export const CrisisResourceSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  phone: Type.Optional(Type.String()),
  text: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  /** Shown only for these categories; all when absent. */
  categories: Type.Optional(Type.Array(Type.Enum(['self_harm', 'harm_to_others', 'abuse']))),
  /** Shown to users in these regions; everywhere when absent (an international directory). */
  regions: Type.Optional(Type.Array(Type.Enum([...REGIONS])))
})

const CrisisResourcesFileSchema = Type.Object({
  message: Type.String({ minLength: 1 }),
  /** Whose regional resources are shown while the user has not said where they are. */
  defaultRegion: Type.Optional(Type.Enum([...REGIONS])),
  resources: Type.Array(CrisisResourceSchema, { minItems: 1 })
})

export type CrisisResources = Static<typeof CrisisResourcesFileSchema>
export type CrisisResource = Static<typeof CrisisResourceSchema>

export async function loadCrisisResources (file: string): Promise<CrisisResources> {
  const path = file === '' ? DEFAULT_CRISIS_RESOURCES_FILE : file
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new Error(`env/CRISIS_RESOURCES_FILE: cannot read ${path}: ${(error as Error).message}`)
  }
  if (!Value.Check(CrisisResourcesFileSchema, data)) {
    throw new Error(`env/CRISIS_RESOURCES_FILE: ${path} must hold {"message", "resources": [{"name", ...}]}`)
  }
  return data
}

/**
 * The resources that fit the category and the user's region, without the filter fields themselves:
 * the region's own when the file has any for it, else the default region's, and those for everywhere;
 * for a country with none ('other'), only those for everywhere and for 'other'.
 * A file that names no regions shows all its resources, as it always did.
 */
export function resourcesFor (resources: CrisisResources, category: RiskCategory, region?: Region): Array<Omit<CrisisResource, 'categories' | 'regions'>> {
  const fitting = resources.resources.filter(resource => resource.categories === undefined || resource.categories.includes(category))
  // A country with no lines of its own here: the international ones, not the default region's.
  const elsewhere = region === 'other' ? fitting.filter(resource => resource.regions === undefined || resource.regions.includes('other')) : []
  if (elsewhere.length > 0) return elsewhere.map(({ categories: _categories, regions: _regions, ...resource }) => resource)
  const shown = region !== undefined && fitting.some(resource => resource.regions?.includes(region) === true)
    ? region
    : resources.defaultRegion
  return fitting
    .filter(resource => resource.regions === undefined || shown === undefined || resource.regions.includes(shown))
    .map(({ categories: _categories, regions: _regions, ...resource }) => resource)
}
