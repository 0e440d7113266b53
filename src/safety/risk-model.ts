// The learned part of the risk screen: a linear model over hashed word and character n-grams,
// trained at build time (scripts/train-risk-model.ts) on the project's own labelled messages and
// read from the file the build writes beside this one. Deterministic; nothing fetched at run time.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { featuresOf } from './risk-features.ts'
import type { RiskCategory, SignalName } from './taxonomy.ts'
import type { ReadText } from './text.ts'

export const RISK_MODEL_FILE = fileURLToPath(new URL('./risk-model.json', import.meta.url))
export const MODEL_CLASSES = ['none', 'self_harm', 'harm_to_others', 'abuse'] as const

export interface RiskModelFile {
  classes: typeof MODEL_CLASSES
  /** A class other than `none` counts when its probability reaches this. */
  threshold: number
  bias: number[]
  /** Feature slot -> one weight per class; slots never seen in training are left out. */
  weights: Record<string, number[]>
}

/** Class probabilities for one message's features (softmax over the linear scores). */
export function probabilities (model: Pick<RiskModelFile, 'bias' | 'weights'>, features: number[]): number[] {
  const scores = [...model.bias]
  for (const slot of features) {
    const weights = model.weights[slot]
    if (weights === undefined) continue
    for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) + (weights[k] as number)
  }
  const top = Math.max(...scores)
  const exps = scores.map(score => Math.exp(score - top))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map(value => value / sum)
}

function load (): RiskModelFile {
  if (!existsSync(RISK_MODEL_FILE)) throw new Error(`the risk screen's model is missing (${RISK_MODEL_FILE}): npm run build trains it`)
  return JSON.parse(readFileSync(RISK_MODEL_FILE, 'utf8')) as RiskModelFile
}

let model: RiskModelFile | undefined

export const riskModel = {
  /** The model's signal for a message no rule flagged, when it is confident enough. */
  assess (text: ReadText): SignalName | undefined {
    model ??= load()
    const p = probabilities(model, featuresOf(text))
    let best = 1
    for (let k = 2; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k
    if ((p[best] as number) < model.threshold) return undefined
    return `model.${MODEL_CLASSES[best] as RiskCategory}`
  }
}
