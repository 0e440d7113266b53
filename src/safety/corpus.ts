// The labelled messages the risk screen is trained and measured on (test/fixtures/crisis-corpus):
// one JSON object a line, in three splits. `train` fits the model, `dev` tunes the rules and the
// threshold, and `test`, written last, is only ever measured.
import { readFileSync } from 'node:fs'
import type { RiskCategory, RiskLevel } from './taxonomy.ts'

export interface LabelledMessage {
  text: string
  level: RiskLevel
  category: RiskCategory | null
  /** The style family ("means_named", "idiom_death", ...), for figures per kind. */
  kind: string
  voice: string
}

export type CorpusSplit = 'train' | 'dev' | 'test'

export function readCorpus (directory: URL | string, split: CorpusSplit): LabelledMessage[] {
  const file = new URL(`${split}.jsonl`, directory)
  return readFileSync(file, 'utf8').split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line) as LabelledMessage)
}
