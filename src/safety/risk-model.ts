// The learned part of the risk screen: a linear model over hashed word and character n-grams,
// trained at build time (scripts/train-risk-model.ts) on the project's own labelled messages and
// read from the file the build writes beside this one. Deterministic; nothing fetched at run time.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { FEATURE_SLOTS, featuresOf } from './risk-features.ts'
import type { RiskCategory, SignalName } from './taxonomy.ts'
import type { ReadText } from './text.ts'

export const RISK_MODEL_FILE = fileURLToPath(new URL('./risk-model.json', import.meta.url))
export const MODEL_CLASSES = ['none', 'self_harm', 'harm_to_others', 'abuse'] as const

export interface RiskModelFile {
  classes: typeof MODEL_CLASSES
  /** A message counts when the probability of all the risk classes together reaches this. */
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
  return softmax(scores)
}

function softmax (scores: number[]): number[] {
  const top = Math.max(...scores)
  const exps = scores.map(score => Math.exp(score - top))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map(value => value / sum)
}

/** The model as the screen reads it: one weight row per feature slot, in one flat array. */
interface LoadedModel { threshold: number, bias: number[], weights: Float32Array }

function load (): LoadedModel {
  if (!existsSync(RISK_MODEL_FILE)) throw new Error(`the risk screen's model is missing (${RISK_MODEL_FILE}): npm run build trains it`)
  const file = JSON.parse(readFileSync(RISK_MODEL_FILE, 'utf8')) as RiskModelFile
  const classes = file.classes.length
  const weights = new Float32Array(FEATURE_SLOTS * classes)
  for (const [slot, row] of Object.entries(file.weights)) weights.set(row, Number(slot) * classes)
  return { threshold: file.threshold, bias: file.bias, weights }
}

let model: LoadedModel | undefined

export const riskModel = {
  /** The model's signal for a message no rule flagged, when it is confident enough. */
  assess (text: ReadText): SignalName | undefined {
    model ??= load()
    const classes = model.bias.length
    const scores = [...model.bias]
    for (const slot of featuresOf(text)) {
      for (let k = 0; k < classes; k++) scores[k] = (scores[k] as number) + (model.weights[slot * classes + k] as number)
    }
    const p = softmax(scores)
    // The risk classes together, not the likeliest alone: a message the model reads as risk but
    // cannot place (a friend in danger: self-harm or abuse?) is still risk.
    if (1 - (p[0] as number) < model.threshold) return undefined
    let best = 1
    for (let k = 2; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k
    return `model.${MODEL_CLASSES[best] as RiskCategory}`
  }
}
