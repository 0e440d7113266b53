// Build step: trains the risk screen's linear model on the corpus's `train` and `dev` splits and
// writes it beside src/safety/risk-model.ts (and its built copy). The settings and the threshold
// were chosen with a model trained on `train` alone and measured on `dev`; `test` is never read.
// Deterministic: a fixed seed, fixed epochs.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { readCorpus } from '../src/safety/corpus.ts'
import { featuresOf } from '../src/safety/risk-features.ts'
import { MODEL_CLASSES, probabilities, type RiskModelFile } from '../src/safety/risk-model.ts'
import { readText } from '../src/safety/text.ts'

const EPOCHS = 20
const LEARNING_RATE = 0.02
const L2 = 1e-3
/**
 * The risk classes' probability together at which the model adds a signal where no rule fired.
 * Chosen with a model trained on `train` alone, measured on `dev`: the threshold with the most
 * recall less false alarms, and of those within 0.005 of it the highest, for fewer false alarms.
 */
const THRESHOLD = Number(process.env.RISK_MODEL_THRESHOLD ?? 0.78)
/** The splits it learns from; tuning trains on `train` alone (RISK_MODEL_SPLITS=train) and measures `dev`. */
const SPLITS = (process.env.RISK_MODEL_SPLITS ?? 'train,dev').split(',') as Array<'train' | 'dev'>

/** A small seeded generator (mulberry32), so that every build shuffles alike. */
function seeded (seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const root = pathToFileURL(`${process.cwd()}/`)
const corpus = new URL('test/fixtures/crisis-corpus/', root)
const examples = SPLITS.flatMap(split => readCorpus(corpus, split)).map(message => ({
  features: featuresOf(readText(message.text)),
  target: message.level === 'none' || message.category === null ? 0 : MODEL_CLASSES.indexOf(message.category)
}))

// Safe messages weigh as much in total as the risk ones, and the risk classes as much as each other:
// the screen asks whether a message is risk at all (the risk classes together), so risk must not be
// three times as likely as safe before the model has read a word.
const counts = MODEL_CLASSES.map((_, k) => examples.filter(example => example.target === k).length)
const share = (k: number): number => k === 0 ? 1 / 2 : 1 / (2 * (MODEL_CLASSES.length - 1))
const classWeight = counts.map((count, k) => count === 0 ? 0 : examples.length * share(k) / count)

const model: RiskModelFile = { classes: MODEL_CLASSES, threshold: THRESHOLD, bias: MODEL_CLASSES.map(() => 0), weights: {} }
const random = seeded(16)
const order = examples.map((_, index) => index)
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  const rate = LEARNING_RATE / (1 + epoch)
  for (const index of order) {
    const { features, target } = examples[index] as typeof examples[number]
    const p = probabilities(model, features)
    const weight = classWeight[target] as number
    const gradient = p.map((value, k) => weight * (value - (k === target ? 1 : 0)))
    for (let k = 0; k < gradient.length; k++) model.bias[k] = (model.bias[k] as number) - rate * (gradient[k] as number)
    for (const slot of features) {
      const weights = model.weights[slot] ??= MODEL_CLASSES.map(() => 0)
      for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) * (1 - rate * L2) - rate * (gradient[k] as number)
    }
  }
}

const rounded = (value: number): number => Math.round(value * 1e4) / 1e4
for (const [slot, weights] of Object.entries(model.weights)) model.weights[slot] = weights.map(rounded)
model.bias = model.bias.map(rounded)
const json = JSON.stringify(model)
for (const directory of ['src/safety', 'dist/src/safety']) {
  if (directory.startsWith('dist') && !existsSync('dist')) continue
  mkdirSync(directory, { recursive: true })
  writeFileSync(`${directory}/risk-model.json`, json)
}
console.log(`risk model: ${examples.length} training messages, ${Object.keys(model.weights).length} features`)
