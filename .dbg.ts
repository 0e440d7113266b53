import { RISK_RULES } from './src/safety/rules.ts'
import { readText } from './src/safety/text.ts'
for (const msg of process.argv.slice(2)) {
  const t = readText(msg)
  console.log('>>', t.words.slice(0, 200))
  for (const r of RISK_RULES) { const m = new RegExp(r.pattern.source).exec(t.words); if (m) console.log('  ', r.signal, JSON.stringify(m[0]), '|', r.pattern.source.slice(0, 80)) }
}
