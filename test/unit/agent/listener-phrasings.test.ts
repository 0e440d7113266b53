// The offline listener, one message at a time through POST /chat, in many voices: each kind of message gets a fitting reply.
import t from 'tap'
import { build } from '../../support/helper.ts'
import { say } from '../../support/listener-chat.ts'

let session = 0
async function replyTo (app: Awaited<ReturnType<typeof build>>, message: string): Promise<string> {
  return (await say(app, `phrasing-${session++}`, message)).reply
}

const BROKEN_GRAMMAR = /\b(you was|you am|you is|I are|I were not|you wasn't)\b|\bnot listening to you\b|\blol\b/i

t.test('reflections swap person both ways and keep verbs in agreement', async (t) => {
  const app = await build(t)
  const cases: Array<[string, RegExp]> = [
    ['I feel like I was never good enough', /you were never good enough/],
    ['i feel like you are not listening to me', /I'm not listening|I am not listening/],
    ['I feel like nobody cares about me or my opinions', /nobody cares about you or your opinions/],
    ['honestly i feel like im always the one who messes up lol', /you're always the one who messes up/],
    ['i feel like ive wasted my whole twenties', /you've wasted your whole twenties/],
    ['I am feeling that we always fight about the same thing with my sister', /you always fight about the same thing with your sister/],
    ['I feel like my sister never listens to me but idk', /your sister never listens to you/]
  ]
  for (const [message, expected] of cases) {
    const reply = await replyTo(app, message)
    t.match(reply, expected, message)
    t.notMatch(reply, BROKEN_GRAMMAR, `${message}: no broken agreement, no echoed "lol"`)
  }
})

t.test('negation is read before feelings, coping or improvement are reflected', async (t) => {
  const app = await build(t)
  for (const message of ["I don't feel any better", 'i dont feel better at all tbh', 'nothing helps', "Nothing is working, the breathing didn't help", "I'm not feeling calmer, still the same", 'it never helps'])
  {
    const reply = await replyTo(app, message)
    t.notMatch(reply, /good to hear|glad something|found something that helped|lighter/i, message)
    t.match(reply, /haven't got any easier|still feels this heavy|nothing you have tried|nothing seems to help/, message)
  }
  const denied = await replyTo(app, "I'm not sad, just confused")
  t.notMatch(denied, /low/, 'a denied feeling is not reflected')
})

t.test("other people's feelings are not attributed to the user", async (t) => {
  const app = await build(t)
  for (const message of ["he says it's the stress at work", 'My dad is always so tired', 'my boyfriend is angry all the time', 'she gets anxious when I go out']) {
    const reply = await replyTo(app, message)
    t.notMatch(reply, /\byou('ve| have)? (been )?(feeling )?(really )?(stressed|exhausted|frustrated|anxious)\b|how (stressed|exhausted|frustrated|anxious) you are|so (stressed|exhausted|frustrated|anxious) can be/i, message)
  }
  t.match(await replyTo(app, "he says it's the stress at work"), /how they explain it|their explanation/)
})

t.test('word senses: a lost job, lost keys or a workout are not grief or work pressure', async (t) => {
  const app = await build(t)
  for (const message of ['I lost my job today', 'i got fired lol', 'lost my keys and then lost my temper at my kid', 'im bored to death', "I work out every morning", "it just doesn't work", "i don't work, im a stay at home mum", 'if that helps, I spent the better part of a year on it']) {
    const reply = await replyTo(app, message)
    t.notMatch(reply, /sorry for your loss|grief|grieving|since they died/i, `${message}: not grief`)
    if (!/job|fired/.test(message)) t.notMatch(reply, /at work|part of work|working day|work pressure/i, `${message}: not work pressure`)
  }
  t.match(await replyTo(app, 'I lost my job today'), /job|let go/, 'a lost job is heard as one')
  t.match(await replyTo(app, 'my grandmother died last month'), /sorry for your loss|Grief|Losing someone/)
})

t.test('questions are answered, not mirrored', async (t) => {
  const app = await build(t)
  const cases: Array<[string, RegExp]> = [
    ['can you recommend a therapist?', /family doctor|directory|988/],
    ['how do i find a counsellor near me??', /family doctor|directory/],
    ['Should I see a therapist?', /therapist|counsellor/],
    ['is this normal?', /A lot of people feel this way/],
    ['am i crazy for feeling like this', /A lot of people feel this way/],
    ['what should I do?', /many people find this helps/i],
    ['wat do i do now', /many people find this helps/i],
    ['Is this a panic attack or a heart attack?', /911|emergency/],
    ['my chest hurts and my heart is racing, am I having a heart attack?', /911|emergency/],
    ["what's the weather like tomorrow?", /can't look up the weather/],
    ['is this private?', /erase it|stored/],
    ['how are you?', /computer program/],
    ['are you a real person', /I'm not a person/],
    ['r u a bot', /I'm not a person/]
  ]
  for (const [message, expected] of cases) t.match(await replyTo(app, message), expected, message)
  const panic = await replyTo(app, 'i keep having panic attacks at night, what can I do?')
  t.match(panic, /Breathe in gently/, 'anxiety asked about gets the breathing script')
})

t.test('remarks about the chat itself are taken honestly', async (t) => {
  const app = await build(t)
  for (const message of ['thank you for nothing', 'thanks for nothing.', 'wow thanks so helpful']) {
    const reply = await replyTo(app, message)
    t.match(reply, /sorry this hasn't helped/, message)
    t.notMatch(reply, /glad/i, message)
  }
  t.match(await replyTo(app, 'you keep saying the same thing'), /repeating myself/)
  t.match(await replyTo(app, "you're just a bot"), /I'm an AI/)
  t.match(await replyTo(app, 'this is useless'), /sorry/)
  const stop = await replyTo(app, 'stop asking me questions')
  t.notMatch(stop, /\?/, 'no question after "stop asking"')
})

t.test('greetings, goodbyes, thanks, emoji and "hello?" each get a fitting short reply', async (t) => {
  const app = await build(t)
  t.match(await replyTo(app, 'hey'), /Hello/)
  t.match(await replyTo(app, 'hello?'), /I'm (still )?here/)
  t.match(await replyTo(app, 'are you there?'), /I'm (still )?here/)
  t.match(await replyTo(app, 'bye'), /Take care|Look after yourself/)
  t.match(await replyTo(app, 'gotta go, talk later'), /Take care|Look after yourself/)
  t.match(await replyTo(app, 'thanks'), /welcome|Any time|glad to be here/)
  t.match(await replyTo(app, '😢😢'), /hard moment/)
  t.match(await replyTo(app, '🙂'), /lighter moment/)
  for (const message of ['bye', 'thanks', '😢', 'hello?']) t.notMatch(await replyTo(app, message), /It sounds like|What I hear/, `${message}: not a reflection`)
})

t.test('other languages get a short note in that language and the helpline directory', async (t) => {
  const app = await build(t)
  const cases: Array<[string, RegExp]> = [
    ['Hola, me siento muy triste y no tengo a nadie con quien hablar', /Gracias por escribirme/],
    ['estoy muy cansada de todo', /Gracias por escribirme/],
    ['mi esposo me grita y me da miedo', /Gracias por escribirme/],
    ['hay algún número en México?', /Gracias por escribirme/],
    ["je suis très triste et je n'ai personne", /Merci de m'avoir écrit/],
    ['ich fühle mich so allein und ich kann nicht schlafen', /Danke, dass du mir schreibst/],
    ['eu estou muito triste, não tenho ninguém', /Obrigado por me escrever/],
    ['sono molto triste, non ho nessuno', /Grazie per avermi scritto/],
    ['我很难过，没有人理解我', /only talk in English/]
  ]
  for (const [message, expected] of cases) {
    // Flagged or not, the note in the user's language comes first.
    const reply = await replyTo(app, message)
    t.match(reply, expected, message)
    t.match(reply, /findahelpline\.com/, `${message}: the directory`)
  }
  t.notMatch(await replyTo(app, 'I had a siesta and felt a bit better, gracias'), /Gracias por escribirme/, 'one borrowed word stays English')
  t.notMatch(await replyTo(app, 'my mate says no es nada but i dont believe him'), /Gracias por escribirme/, 'a Spanish phrase in an English message stays English')
})

t.test('soft risk wording the screen lets through gets a gentle check-in, not a template', async (t) => {
  const app = await build(t)
  for (const message of ['i just want to disappear', "what's the point of anything", "i can't do this anymore"]) {
    const turn = await say(app, `soft-${session++}`, message)
    if (turn.safety !== undefined) continue
    t.match(turn.reply, /thoughts of not wanting to be alive/, message)
    t.match(turn.reply, /988/, message)
  }
})

t.test('an elevated flag gets a gentler reply than a crisis one', async (t) => {
  const app = await build(t)
  const elevated = await say(app, 'elevated', 'I wish I was dead')
  t.equal(elevated.safety, 'elevated')
  t.match(elevated.reply, /988/)
  t.notMatch(elevated.reply, /immediate danger|911/, 'no emergency-services alarm for a wish')
  const crisis = await say(app, 'crisis', "i've decided, i'm ending it all tonight")
  t.equal(crisis.safety, 'crisis')
  t.match(crisis.reply, /911/)
})
