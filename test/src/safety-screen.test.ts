// The risk screen on a labelled set of everyday messages: recall on risk and false positives, printed and asserted.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { RISK_PATTERNS } from '../../src/safety/patterns.ts'
import { screenMessage } from '../../src/safety/screen.ts'

const set = JSON.parse(readFileSync(new URL('../fixtures/safety-messages.json', import.meta.url), 'utf8')) as {
  risk: Array<[string, string]>
  safe: string[]
}

t.test('the labelled set is large enough and has both kinds', async (t) => {
  t.ok(set.risk.length + set.safe.length >= 150, `${set.risk.length + set.safe.length} messages`)
  t.ok(set.risk.length >= 60 && set.safe.length >= 60)
})

t.test('recall on risk messages is at least 0.97, false positives at most 0.05', async (t) => {
  const missed = set.risk.filter(([, text]) => screenMessage(text).level === 'none')
  const flagged = set.safe.filter(text => screenMessage(text).level !== 'none')
  const recall = 1 - missed.length / set.risk.length
  const falsePositiveRate = flagged.length / set.safe.length
  t.comment(`recall ${recall.toFixed(3)} (${set.risk.length - missed.length}/${set.risk.length}), false positives ${falsePositiveRate.toFixed(3)} (${flagged.length}/${set.safe.length})`)
  for (const [, text] of missed) t.comment(`missed: ${text}`)
  for (const text of flagged) t.comment(`flagged: ${text}`)
  t.ok(recall >= 0.97, `recall ${recall.toFixed(3)}`)
  t.ok(falsePositiveRate <= 0.05, `false positives ${falsePositiveRate.toFixed(3)}`)
})

t.test('flagged messages get the right category', async (t) => {
  const wrong = set.risk.filter(([category, text]) => {
    const found = screenMessage(text)
    return found.level !== 'none' && found.category !== category
  })
  for (const [category, text] of wrong) t.comment(`category ${category} expected: ${text}`)
  t.ok(wrong.length / set.risk.length <= 0.03, `${wrong.length} in the wrong category`)
})

t.test('the examples the crisis protocol names', async (t) => {
  for (const text of ['everyone would be better off without me', "I don't see the point of waking up", "I've been cutting again"]) {
    t.equal(screenMessage(text).level !== 'none', true, text)
  }
  for (const text of ['this deadline is killing me', "I'd die for a coffee", 'I killed it at my presentation', "I'm not suicidal, just exhausted"]) {
    t.same(screenMessage(text), { level: 'none' }, text)
  }
  t.same(screenMessage('I want to kill myself'), { level: 'crisis', category: 'self_harm' })
  t.same(screenMessage('I feel like a burden to everyone'), { level: 'elevated', category: 'self_harm' })
})

t.test('hostile input does not break the screen', async (t) => {
  for (const text of ['', ' ', '\u0000\u0007', '🙂'.repeat(2000), 'a'.repeat(4000), '<script>kill myself</script>', 'ＩＷＡＮＴＴＯＤＩＥ', 'i want to die'.repeat(300)]) {
    const found = screenMessage(text)
    t.ok(['none', 'elevated', 'crisis'].includes(found.level))
  }
})

t.test('every pattern can join the one-scan check that clears most messages: no flags, no back-references', async (t) => {
  // The screen first tests all patterns as one alternation; a flag or a numbered back-reference
  // would mean something else there, and a risk message could pass unflagged.
  for (const { pattern } of RISK_PATTERNS) {
    t.equal(pattern.flags, '', `${pattern.source.slice(0, 40)}…: no flags`)
    t.notMatch(pattern.source, /\\[1-9]|\\k</, `${pattern.source.slice(0, 40)}…: no back-references`)
  }
})
