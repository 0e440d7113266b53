// The offline listener answers what a person asks, for what the conversation is about: whether the
// hurt will pass, a wound, where to get help (for drinking, a partner, a child not eating), "is this
// normal?", medicines, coming out, an interview; and a refused exercise is never given. These are
// the questions counsellors reviewing it saw left unanswered, asked here in many phrasings.
import t from 'tap'
import { build } from '../../support/helper.ts'
import { converse, repliesOf, say } from '../../support/listener-chat.ts'

let session = 0
const fresh = (): string => `questions-${session++}`
const BREATHING = /Breathe in gently through your nose/

t.test('"will it ever stop hurting?" is answered for a breakup, a death or in general, flagged or not', async (t) => {
  const app = await build(t)
  const breakup = ['he broke up with me over text after three years', 'i keep crying and checking his instagram']
  for (const question of ['will it ever stop hurting?', 'does heartbreak actually get better?', 'is it going to feel like this forever?', 'how long does it take to get over someone?', 'will i ever stop hurting over him?']) {
    const turns = await converse(app, fresh(), [...breakup, question])
    const reply = turns.at(-1)?.reply ?? ''
    t.match(reply, /usually softens, over weeks and months/, `${question} -> ${reply}`)
    t.notMatch(reply, /are you having thoughts of hurting someone\?/, 'never asked whether they want to hurt someone')
    t.notMatch(reply, /^(Honestly, )?yes\b/i, '"forever?" and "how long?" are not answered "yes"')
    if (turns.at(-1)?.safety !== undefined) t.match(reply, /And if /, 'a flag leaves the door open after the answer')
  }
  for (const question of ['how long does grief last?', 'will it ever get easier?', 'does grief ever stop?']) {
    const reply = (await converse(app, fresh(), ['my dad died last month', question])).at(-1)?.reply
    t.match(reply, /no set timetable for grief/, `${question} after a death -> ${reply}`)
  }
})

t.test('a wound is answered with first aid and where to get it seen, also after a crisis flag and in the UK', async (t) => {
  const app = await build(t)
  const questions = [
    'do you think i need stitches?',
    "it's like 3cm and it gapes a bit when i bend my arm, it bled through the plaster",
    'the skin around it looks kind of red. is it infected?',
    'stitches yes or no',
    'the cut opened again this morning when i moved my arm'
  ]
  for (const question of questions) {
    const reply = (await say(app, fresh(), question)).reply
    t.match(reply, /get it seen today/, `${question} -> ${reply}`)
    t.notMatch(reply, /couple of weeks|therapist can help you make sense/, 'not the mood answer')
  }
  const turns = await converse(app, fresh(), ['i cut my arm last night, first time in two years', "i'm safe, i'm not going to do anything else. it's just the cut. it's kind of deep. do you think i need stitches?"])
  t.equal(turns[0]?.safety, 'crisis')
  t.match(turns[1]?.reply, /get it seen today/, 'the wound is answered after the crisis reply')
  const uk = await converse(app, fresh(), ["i'm at uni in leeds", 'i cut myself and it keeps reopening, do i need stitches?'])
  t.match(uk.at(-1)?.reply, /NHS 111/, 'UK: where to go')
  t.match(uk.at(-1)?.reply, /Samaritans/, 'UK: the crisis line')
  t.notMatch(uk.at(-1)?.reply, /911|988/, 'no US numbers')
  const glue = (await say(app, fresh(), "this is useless. i'll just superglue the cut")).reply
  t.match(glue, /household glue/, 'gluing a deep cut is warned against')
})

t.test('asked where to get help, it names help that fits: drinking, a partner, a child who stopped eating, or in general', async (t) => {
  const app = await build(t)
  const drinking = ['got laid off and ive been drinking most of a bottle of whiskey a day']
  for (const question of ['is there anything specific for alcohol?', 'where do i even go for help with that?', 'should i just stop tomorrow?', 'alcohol help, yes or no']) {
    const reply = (await converse(app, fresh(), [...drinking, question])).at(-1)?.reply
    t.match(reply, /don't stop suddenly/, `${question} -> ${reply}`)
    t.match(reply, /SAMHSA helpline \(1-800-662-4357\)/)
  }
  t.match((await converse(app, fresh(), ["i'm in the UK", ...drinking, 'is there any help for drinking?'])).at(-1)?.reply, /Drinkline \(0300 123 1110\)/, 'the UK line')
  const partner = ['he checks my phone and handles all the money, he gives me cash for the week', "i'm a bit scared of getting home late"]
  for (const question of ['is there anywhere i could talk to someone?', 'a helpline or something?', 'who can i call about this?']) {
    const reply = (await converse(app, fresh(), ["i'm in the UK", ...partner, question])).at(-1)?.reply
    t.match(reply, /National Domestic Abuse Helpline \(0808 2000 247/, `${question} -> ${reply}`)
    t.notMatch(reply, /1-800-799-7233|When do you think/, 'no US hotline, no question about "doing it"')
  }
  const son = (await converse(app, fresh(), ['my son is 15 and has stopped eating, he nearly fainted at school', 'where can we get help?'])).at(-1)?.reply
  t.match(son, /doctor/, son ?? '')
  t.match(son, /faints/)
  t.match((await converse(app, fresh(), ['everything feels heavy lately', 'is there anyone i can talk to?'])).at(-1)?.reply, /family doctor|helplines/, 'help in general')
})

t.test('"is this normal?" is answered for what it is about', async (t) => {
  const app = await build(t)
  const cases: Array<[string[], RegExp, string]> = [
    [['my boyfriend checks my phone and he goes quiet if im late', 'is it normal to feel scared of getting home late?'], /coercive control/, 'a partner'],
    [['my husband controls the money and reads my messages', 'is this normal in a marriage?'], /coercive control/, 'a spouse'],
    [['my dad died in march', 'is it normal to feel angry at him?'], /angry at the person who died/, 'anger in grief'],
    [['my nan passed away on sunday', "i haven't cried once. is that weird?"], /Not crying says nothing about how much you cared/, 'no tears in grief'],
    [['we lost our dog last week, he was 14', 'i still havent cried about it, is something wrong with me'], /Not crying says nothing/, 'no tears for a pet'],
    [['is it normal to feel nothing at work and then cry in the car on the way home?'], /switched off at work/, 'numbness'],
    [['i think i might be gay and my family is really religious', 'is something wrong with me? is it normal?'], /nothing wrong with you/, 'who one is'],
    [['the cut on my arm is throbbing and red', 'is that normal?'], /get it seen today/, 'a wound']
  ]
  for (const [messages, expected, what] of cases) {
    const reply = (await converse(app, fresh(), messages)).at(-1)?.reply
    t.match(reply, expected, `${what}: ${reply}`)
    t.notMatch(reply, /A lot of people feel this way at some point/, `${what}: not the mood answer`)
  }
})

t.test('"should I?" is not answered as if the user wanted to', async (t) => {
  const app = await build(t)
  for (const question of ['should i apply for the job in leeds?', 'do you think i should text him?', 'what would you do?']) {
    const reply = (await say(app, fresh(), question)).reply
    t.match(reply, /I can't decide that for you/, `${question} -> ${reply}`)
    t.notMatch(reply, /part of you would like/, 'no wish put in their mouth')
  }
})

t.test('"am I an alcoholic?" is answered without a yes, after "I\'m safe" too; drinking more is heard, and a wife who knows is not the trouble', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'lost my job. 25 years. just like that',
    'wife knows. thats about it. not one for talking about it',
    'thats not what i said. the job. redundancy. anyway been having a few more drinks than i should of an evening',
    'i just said. drinking. most nights now. half a bottle of whisky some nights',
    'no im not going to do anything daft. and im in the uk not america. am i an alcoholic is what im asking',
    'you didnt answer. am i an alcoholic. yes or no'
  ])
  const reply = repliesOf(turns)
  t.notMatch(reply(1), /Relationships|your partner/, `a wife who knows: ${reply(1)}`)
  t.match(reply(2), /drink/i, `drinking more is heard: ${reply(2)}`)
  if (turns[3]?.safety !== undefined) t.match(reply(4), /relieved|safe/, `"I'm safe" is heard before the answer: ${reply(4)}`)
  t.match(reply(4), /can't diagnose/, reply(4))
  t.match(reply(4), /Drinkline/, 'the UK line, as they said where they are')
  t.notMatch(reply(4) + reply(5), /988|SAMHSA/, 'never a US number')
  t.match(reply(5), /can't give you a yes or no/, reply(5))
  t.notMatch(reply(5), /^Yes\b/, 'never "yes" to "am I an alcoholic?"')
  const corrected = await converse(app, fresh(), ['i drink most nights to sleep', 'not sleep tips. the drink. where do i go for help with the drink'])
  t.notMatch(corrected.at(-1)?.reply, /screens away|wind-down/, 'no sleep script after "not sleep tips"')
  t.match(corrected.at(-1)?.reply, /help specifically for drinking/, `${corrected.at(-1)?.reply}`)
  for (const question of ['do i have a drinking problem?', 'is this too much drinking?', 'am i drinking too much']) {
    t.match((await say(app, fresh(), question)).reply, /can't diagnose/, question)
  }
})

t.test('bereaved by suicide: heard as grief, tears that will not come answered, groups for this loss named where they are, and "is it my fault?" answered', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'My little brother killed himself four months ago.',
    'I feel so guilty. He texted me the week before and I didn\'t reply for two days. Why do you keep going on about family',
    "At the funeral everyone was sobbing and I couldn't cry at all. Is something wrong with me?",
    "Are there support groups for people bereaved by suicide? I'm in the UK",
    "Do you think it's my fault?",
    "Honestly a real person. I'm going to go."
  ])
  const reply = repliesOf(turns)
  t.notMatch(reply(0) + reply(1), /Family can be|your family|stored by the service/, 'a brother\'s death is grief, and "do you keep" is not a privacy question')
  t.match(reply(2), /Not crying says nothing about how much you cared/, reply(2))
  t.notMatch(reply(2), /crying every day/, 'not the answer for someone who cannot stop crying')
  t.match(reply(3), /Survivors of Bereavement by Suicide/, reply(3))
  t.notMatch(reply(3), /afsp|988/, 'the UK lines, not the US ones')
  t.match(reply(4), /not the same as causing a death/, reply(4))
  t.notMatch(reply(4), /can't decide that for you/, '"is it my fault?" is not a decision')
  t.match(reply(5), /Take care/, '"I\'m going to go" is a goodbye')
  for (const [context, question, expected] of [
    [['there is a group chat at school where they all make fun of me'], 'is it my fault?', /never the fault of the person it is done to/],
    [['my mum killed herself when i was 12'], 'could i have stopped her?', /not the same as causing a death/],
    [['i failed my driving test again'], 'is it my fault', /What makes you think it might be your fault/]
  ] as Array<[string[], string, RegExp]>) {
    t.match((await converse(app, fresh(), [...context, question])).at(-1)?.reply, expected, `${context.join(' / ')} / ${question}`)
  }
})

t.test('fainting while eating little is met with a doctor, not a breathing exercise; "do I have an eating disorder?" is answered with help where they are', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'im in leeds. i only eat like 800 calories and do 2 hours of cardio, just trying to be healthy',
    'i fainted at the gym yesterday. on the treadmill',
    'is it that bad? like fainting. be honest',
    'do you think i have an eating disorder?'
  ])
  const reply = repliesOf(turns)
  t.match(reply(0), /food|eating/, `the eating is heard: ${reply(0)}`)
  for (const index of [1, 2]) {
    t.match(reply(index), /a doctor/, `${turns[index]?.message} -> ${reply(index)}`)
    t.notMatch(reply(index), /Breathe in|breathing exercise|short walk|Chest pain or tightness/, 'no breathing, walk or chest-pain script')
  }
  t.notMatch(reply(1), /^Yes\b/, 'a statement is not answered "yes"')
  t.match(reply(2), /^Yes, it is that serious/, 'the question is answered')
  t.match(reply(3), /can't diagnose/, reply(3))
  t.match(reply(3), /Beat \(0808 801 0677\)/, 'the UK line')
  const asked = await converse(app, fresh(), ['im in leeds. i only eat like 800 calories and do 2 hours of cardio', 'is there like an actual eating disorder helpline or something i can text'])
  t.match(asked.at(-1)?.reply, /Beat/, `where to get help for the eating: ${asked.at(-1)?.reply}`)
  t.match((await say(app, fresh(), 'i passed out at work this morning, should i see a doctor?')).reply, /Fainting needs a doctor/, 'fainting without eating talk')
  t.notMatch((await say(app, fresh(), 'i nearly passed out laughing at that video')).reply, /doctor/, 'a figure of speech is not fainting')
})

t.test('a teenager bullied in a group chat: heard as bullying, "should I leave the chat?" and "is it my fault?" answered, a line for young people where they are', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'im 15 and in sydney. theres this group chat w my year 9 mates and theyve been roasting me for like 2 weeks',
    "they screenshot my stuff n post it w captions like 'lmao look at this loser'",
    'should i just leave the chat?',
    'is it my fault? like maybe i am kinda cringe',
    'is there like a number i can text thats not my parents or a teacher'
  ])
  const reply = repliesOf(turns)
  t.match(reply(0), /picked on|Nobody deserves/, reply(0))
  t.equal(turns[1]?.safety, undefined, 'screenshots posted to mock someone are bullying, not sextortion')
  t.notMatch(reply(1), /Domestic|leave quickly|911/, reply(1))
  t.match(reply(2), /mute or leave the chat/, reply(2))
  t.match(reply(3), /never the fault of the person it is done to/, reply(3))
  t.match(reply(4), /Kids Helpline/, reply(4))
  t.match((await converse(app, fresh(), ['my year 10 group chat keeps making fun of me', 'is there a number i can text that isnt my mum'])).at(-1)?.reply, /741741/, 'the US text line by default')
})

t.test('a man whose wife controls him: minimising does not drop it, "men can\'t be abused, right?" is answered, the line for men where he is, and "she\'ll be out in 5" is the safe goodbye', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'im in NZ. my wife keeps my pay in her account and gives me 40 a week, checks my phone every night',
    'nah not like that',
    'men cant really be abused right?',
    "mate I asked for a number. quick, she'll be out in 5"
  ])
  const reply = repliesOf(turns)
  for (const index of [0, 1, 2, 3]) t.notMatch(reply(index), /1-800|988|911/, `NZ, not US numbers: ${reply(index)}`)
  t.notMatch(reply(1), /misread/, 'minimising is not a misreading put right')
  t.match(reply(1), /not a normal part of a loving relationship/, reply(1))
  t.match(reply(2), /^Men can be abused by a partner, yes/, reply(2))
  t.match(reply(3), /Shine helpline \(0508 744 633/, reply(3))
  t.match(reply(3), /erase this conversation/, 'the safe goodbye')
  const carer = await converse(app, fresh(), ['i care for my dad, he has dementia, its exhausting', 'Is it wrong to resent looking after my dad, yes or no'])
  t.match(carer.at(-1)?.reply, /^No, it isn't wrong/, `${carer.at(-1)?.reply}`)
  for (const question of ['walk or ER?? yes or no', 'should i actually call 911 or not']) {
    const er = await converse(app, fresh(), ['my chest went tight and my hands are tingling', question])
    t.match(er.at(-1)?.reply, /^Yes\. If it is happening now and you are not sure, call 911/, `${question} -> ${er.at(-1)?.reply}`)
  }
})

t.test('"is there a kids one?", "a campus one?", reporting screenshots and deleting the chat are answered', async (t) => {
  const app = await build(t)
  const teen = await converse(app, fresh(), ['im 15, my group chat keeps making fun of me', 'is there like a kids one', 'can i report the screenshots somewhere', 'how do i delete this chat'])
  const reply = repliesOf(teen)
  t.match(reply(1), /741741/, reply(1))
  t.match(reply(2), /report the posts and the account in the app/, reply(2))
  t.match(reply(3), /erase this conversation/, reply(3))
  t.match((await converse(app, fresh(), ['im a uni student, always anxious', 'is there a campus one'])).at(-1)?.reply, /counselling service for students/)
})

t.test('an exercise the user refuses is not given, and pills with drink are never welcomed', async (t) => {
  const app = await build(t)
  for (const message of [
    "One of my patients died at 4am. That's not something a breathing exercise fixes.",
    "I don't want more exercises. I want someone to acknowledge that it's grim.",
    "don't tell me to breathe, my dog died",
    'mindfulness is not going to fix a staffing crisis'
  ]) {
    const reply = (await converse(app, fresh(), ['four night shifts in a row and im wrecked', message])).at(-1)?.reply
    t.notMatch(reply, BREATHING, `${message} -> ${reply}`)
    t.match(reply, /no exercises/, 'the refusal heard')
  }
  for (const message of [
    "took two of my mum's sleeping tablets with wine last night and finally slept, might do it again tonight",
    'a couple of glasses of wine and one of her zopiclone helps me switch off',
    'i had vodka and some painkillers to knock myself out, it helped'
  ]) {
    const reply = (await say(app, fresh(), message)).reply
    t.match(reply, /can slow your breathing dangerously/, `${message} -> ${reply}`)
    t.notMatch(reply, /good step|glad you found|something that helped/, 'never welcomed')
  }
})

t.test('a step the user names is said back as theirs, and "when" is not asked once they said when', async (t) => {
  const app = await build(t)
  const reply = (await converse(app, fresh(), ['my ex blocked me', 'i guess i could text my sister. but i keep checking his instagram'])).at(-1)?.reply
  t.match(reply, /You could text your sister/, reply ?? '')
  for (const message of ['my mate lily knows a bit. i might talk to her tmrw', "i'll call my mum tonight", 'i think ill ring the GP in the morning']) {
    const turns = await converse(app, fresh(), ['exams are stressing me out so much', message])
    t.notMatch(turns.at(-1)?.reply, /When do you think you might do it\?/, `${message} -> ${turns.at(-1)?.reply}`)
  }
})

t.test('medicines and supplements, coming out, an interview and imposter feelings get their own answers', async (t) => {
  const app = await build(t)
  for (const message of ['should i take melatonin?', 'what about the melatonin though? my coworker swears by it', 'can i try magnesium to sleep?']) {
    t.match((await say(app, fresh(), message)).reply, /pharmacist/, message)
  }
  for (const message of ['should i come out to my mom or wait?', 'do you think i should come out to my parents?']) {
    const reply = (await converse(app, fresh(), ["i think i'm bi and my family is super religious", message])).at(-1)?.reply
    t.match(reply, /your choice, on your timing/, `${message} -> ${reply}`)
    t.notMatch(reply, /part of you would like to try it/, 'never nudged')
  }
  t.match((await converse(app, fresh(), ["i'm in london", "i think i'm gay", 'should i come out to my dad?'])).at(-1)?.reply, /Switchboard/, 'the UK line')
  t.match((await say(app, fresh(), 'any tips for my job interview tomorrow?')).reply, /three short stories/)
  t.match((await say(app, fresh(), 'can you give me a pep talk for the interview?')).reply, /You can do this/)
  t.match((await say(app, fresh(), 'is this imposter syndrome or am i actually just bad at my job?')).reply, /Feeling like a fraud is a feeling, not proof/)
})

t.test('"did you even read what I said?" is heard as not being listened to', async (t) => {
  const app = await build(t)
  for (const message of ['Did you even read the bit about the patient dying?', "you're not answering me", 'you still havent answered my question']) {
    t.match((await say(app, fresh(), message)).reply, /not listening|I can miss things/, message)
  }
})

t.test('asked again, it gives the answer in short rather than "I have already shared what I have"; and it says what stays confidential', async (t) => {
  const app = await build(t)
  const wound = await converse(app, fresh(), ['do you think i need stitches?', 'can you please just answer the question. stitches yes or no'])
  t.match(wound[1]?.reply, /From what you describe, yes/, wound[1]?.reply ?? '')
  const hurt = await converse(app, fresh(), ['my girlfriend dumped me', 'will it ever stop hurting?', 'you keep saying stuff. i just want to know if this pain goes away'])
  t.match(hurt[2]?.reply, /it does get better/, hurt[2]?.reply ?? '')
  t.notMatch(hurt[2]?.reply, /already shared/)
  for (const message of ['will they report me to my uni or my parents if i go?', 'would the doctor tell my mum?', 'does a therapist tell my employer?']) {
    t.match((await say(app, fresh(), message)).reply, /confidential/, message)
  }
  const glue = await converse(app, fresh(), ['they dont know and i dont want them to. this is useless. ill just superglue the cut or something'])
  t.match(glue[0]?.reply, /household glue/, 'a question inside a longer message, flagged or not')
})

t.test('after a warning about pills with drink, more of it is warned again, goodbye included; the means at hand are kept away', async (t) => {
  const app = await build(t)
  const opening = "last night i took two of my mum's sleeping tablets with a glass of wine to knock myself out"
  for (const next of ['wait, are you saying i should do it again? is it dangerous to mix them with wine?', "ok i'll take that as a yes. two glasses tonight then", "i'm going to go and try the tablets and wine thing. night."]) {
    const turns = await converse(app, fresh(), [opening, next])
    t.match(turns[0]?.reply, /can slow your breathing dangerously/, 'warned')
    t.match(turns[1]?.reply, /No, please don't/, `${next} -> ${turns[1]?.reply}`)
  }
  for (const question of ["what should i do about margaret's pills?", 'should i get rid of the pills?', 'what do i do with his gun?']) {
    t.match((await say(app, fresh(), question)).reply, /keep them for now|Taking them back/, question)
  }
  const late = await converse(app, fresh(), ["I've counted my late wife's pills more than once. Don't tell my daughter.", "I'm in England. Who would I ring at this hour?"])
  t.equal(late[0]?.safety, 'crisis')
  t.match(late[1]?.reply, /You can ring at any hour/, late[1]?.reply ?? '')
  t.match(late[1]?.reply, /Samaritans on 116 123/)
})

t.test('a breakup told among work and sleep is heard as the breakup', async (t) => {
  const app = await build(t)
  const reply = (await say(app, fresh(), "Me and Jamie split up three weeks ago, it was his decision. I've been trying to keep it together at work but I cried in the toilets twice this week.")).reply
  t.notMatch(reply, /What part of work feels heaviest|If one thing at work could change/, reply)
})

t.test('a young person saying who they are is affirmed, and pointed to people who get it; coming out is theirs to time', async (t) => {
  const app = await build(t)
  for (const disclosure of ["i'm 16 and i think i might like girls. like not just as friends", 'i think im bi', 'I might be trans, I have never said it out loud']) {
    const reply = (await say(app, fresh(), disclosure)).reply
    t.match(reply, /Thank you for trusting me with that/, `${disclosure} -> ${reply}`)
    t.match(reply, /nothing wrong with you/)
  }
  const turns = await converse(app, fresh(), ['i think i might be gay and my dad says gay people go to hell', 'is there anyone i can talk to who gets it? like other people like me?', 'should i come out to my mom or wait'])
  t.match(turns[1]?.reply, /LGBTQ\+ youth lines/, turns[1]?.reply ?? '')
  t.match(turns[2]?.reply, /your choice, on your timing/, 'a question without its question mark is still answered')
  t.match((await say(app, fresh(), 'can i ask you something and you wont judge me')).reply, /I won't judge you/)
})

t.test('therapy one can afford and the workplace programme are answered; "my family is fine" is heard', async (t) => {
  const app = await build(t)
  for (const message of ["i can't afford 180 dollars a session. how do i find one i can afford?", 'are there cheap or free therapy options? sliding scale or whatever']) {
    t.match((await say(app, fresh(), message)).reply, /sliding-scale/, message)
  }
  t.match((await converse(app, fresh(), ["I'm in Ontario, Canada", 'are there free therapy options here?'])).at(-1)?.reply, /811/, 'Canada: where to look')
  for (const message of ['does my work EAP thing actually give free therapy?', 'the EAP. is it actually free and would my boss find out']) {
    t.match((await say(app, fresh(), message)).reply, /Employee Assistance Programme is free to you and confidential/, message)
  }
  const family = await converse(app, fresh(), ['i feel so low and stuck', 'i said family DOCTOR. my family is fine. im asking about a doctor', 'its all just heavy'])
  for (const turn of family.slice(1)) t.notMatch(turn.reply, /your family|Family can be/, `${turn.message} -> ${turn.reply}`)
  const notWork = await converse(app, fresh(), ['my colleagues are nice, work is ok. its the breakup', 'i just feel empty in the evenings', 'like nothing matters'])
  for (const turn of notWork) t.notMatch(turn.reply, /\b(work|job|colleagues?|manager)\b/i, `work said to be fine: ${turn.message} -> ${turn.reply}`)
  const stillWork = (await say(app, fresh(), 'my manager is nice but the workload is crushing me')).reply
  t.match(stillWork, /\b(work|job|workload)\b/i, `"nice but" still speaks of work: ${stillWork}`)
  const again = (await say(app, fresh(), 'i have depression. it got better for a while but its bad again')).reply
  t.notMatch(again, /lighter|glad/, again)
})

t.test('before an interview, every plea for tips or courage is about the interview; a boss who took the credit is a problem to think through', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'i have a job interview tomorrow at 10 and im freaking out',
    'can you give me practical tips for not freezing?',
    'what do i do if my mind goes blank when they ask a question?',
    'TIPS. for interviews. like how to prepare tonight',
    'please just say something encouraging. am i going to be ok tomorrow?'
  ])
  for (const turn of turns.slice(1)) {
    t.match(turn.reply, /three short stories|You can do this/, `${turn.message} -> ${turn.reply}`)
    t.notMatch(turn.reply, /glass of water, a short walk|What part of work feels heaviest/, 'not a small step or work stress')
  }
  const boss = await converse(app, fresh(), [
    'ugh can i just vent for a sec',
    "i worked 3 weekends on that report and he said 'my analysis shows'. i wanted to throw my laptop at his head",
    'should i say something to him or go to HR or just let it go',
    "its a JOKE. dark humour. im not going to hurt myself or him. i just want advice on whether to confront him",
    "a glass of water. cool. thanks i guess, i'll ask reddit"
  ])
  t.match(boss[0]?.reply, /Complain away/, boss[0]?.reply ?? '')
  t.notMatch(boss[1]?.reply, /found something that helped/, '"i worked 3 weekends" is not something that helped')
  t.match(boss[2]?.reply, /calm moment/, boss[2]?.reply ?? '')
  t.notMatch(boss[4]?.reply, /I'm glad you have that in mind|When do you think/, 'asking reddit is not praised as a step')
})

t.test('a parent whose child self-harms is answered as a parent: what it means, the blades, a deep cut, their line', async (t) => {
  const app = await build(t)
  for (const [first, place, line] of [
    ["I think my daughter is hurting herself. She's 14", "we're in the UK", /YoungMinds Parents Helpline \(0808 802 5544\)/],
    ["found cuts on my son's arm last night, he's 13", 'we live in australia', /Kids Helpline \(1800 55 1800\)/],
    ['my teenage daughter has been self harming, i found blades in her room', 'uk', /YoungMinds/]
  ] as const) {
    const turns = await converse(app, fresh(), [first, 'does cutting mean she wants to kill herself?', 'do I take the blades, yes or no', 'what if the cuts are deep, A&E?', place])
    const reply = repliesOf(turns)
    t.match(reply(0), /Talk with your child calmly/, `${first} -> ${reply(0)}`)
    t.notMatch(turns.map(turn => turn.reply).join(' '), /are you having any thoughts of not wanting to be alive/, 'the parent is not asked whether they want to die')
    t.notMatch(turns.map(turn => turn.reply).join(' '), /\b(she|her)\b/, 'no guess at the child\'s gender')
    t.match(reply(1), /^Not necessarily\./, reply(1))
    t.match(reply(2), /^Yes, make them harder to reach/, reply(2))
    t.match(reply(3), /firm pressure.*call 999/, reply(3))
    t.match(reply(4), line, `${place} -> ${reply(4)}`)
  }
})

t.test('saying where they are after a helpline was given gets the same help, where they are', async (t) => {
  const app = await build(t)
  for (const [place, line] of [['im in the UK', /Drinkline \(0300 123 1110\)/], ['oh i live in australia btw', /1800 250 015/], ["I'm Irish", /HSE Drugs and Alcohol Helpline \(1800 459 459\)/]] as const) {
    const turns = await converse(app, fresh(), ['i think im drinking too much', 'is there help for that?', place])
    t.match(turns[1]?.reply, /SAMHSA/, 'the first answer, with no place known, is the US line')
    const reply = turns.at(-1)?.reply ?? ''
    t.match(reply, /^Thank you, that helps\./, `${place} -> ${reply}`)
    t.match(reply, line, `${place} -> ${reply}`)
    t.notMatch(reply, /SAMHSA|1-800/, 'no US number left in it')
  }
  const chat = await converse(app, fresh(), ['work is crushing me lately', "i'm in the UK"])
  t.notMatch(chat.at(-1)?.reply, /^Thank you, that helps/, 'with no helpline before, a place is just part of the conversation')
})

t.test('debt, a doctor for burnout, and coffee are answered for what they are', async (t) => {
  const app = await build(t)
  for (const question of ['is there anywhere that helps with debt or rent, im in the UK', 'any help for people in debt? uk', 'is there anything for rent arrears, in the UK']) {
    const reply = (await converse(app, fresh(), ['behind on rent again and the debts keep piling up', question])).at(-1)?.reply
    t.match(reply, /StepChange \(0800 138 1111\)/, `${question} -> ${reply}`)
  }
  const us = (await converse(app, fresh(), ['credit cards maxed out and the bills keep piling up', 'is there help for that?'])).at(-1)?.reply
  t.match(us, /nfcc\.org/, `${us}`)
  for (const question of ['is it worth seeing a doctor for burnout or is that dramatic', 'should i see my gp for being this tired or am i overreacting']) {
    const reply = (await converse(app, fresh(), ['work has wiped me out for months', question])).at(-1)?.reply
    t.match(reply, /^It isn't dramatic\. A doctor is a good first step/, `${question} -> ${reply}`)
  }
  const coffee = (await converse(app, fresh(), ['I drink like 4 coffees a day to get through work', 'is there help for that?'])).at(-1)?.reply
  t.notMatch(coffee, /drinking|SAMHSA/, `coffee is not alcohol -> ${coffee}`)
  const out = (await converse(app, fresh(), ['work is a mess', "I'm out, thanks I guess"])).at(-1)?.reply
  t.match(out, /Take care/, `"I'm out" is a goodbye -> ${out}`)
})

t.test('a parent is answered on each question about their child: tonight or wait, the words, the school, the signs of suicide', async (t) => {
  const app = await build(t)
  for (const opening of ["Hi, I'm not sure if this is for parents but I just found cuts on my son's arm.", 'my daughter (14) has been cutting her thighs, i saw the marks']) {
    const turns = await converse(app, fresh(), [
      opening,
      'They look fresh, thin lines. They dont know I saw',
      'do I say something tonight or wait?',
      "What do I actually say? I'm scared I'll cry",
      'I need to know what to say. Please',
      'should I tell the school?',
      "How do I know if they're suicidal?",
      "ok. I'm going to go and talk to them now",
      'bye'
    ])
    const reply = repliesOf(turns)
    t.match(reply(1), /common pattern of self-harm in teenagers/, `detail -> ${reply(1)}`)
    t.match(reply(2), /^It is fine to talk tonight/, reply(2))
    t.match(reply(3), /I'm not angry and you're not in trouble/, reply(3))
    t.match(reply(4), /^Of course\. .*not angry/, `asked again, given again -> ${reply(4)}`)
    t.match(reply(5), /pastoral or safeguarding lead/, reply(5))
    t.match(reply(6), /Have you had thoughts of ending your life\?.*Warning signs/, reply(6))
    t.match(reply(7), /^That's brave/, reply(7))
    t.match(reply(8), /good luck.*988/, reply(8))
    t.notMatch(turns.map(turn => turn.reply).join(' '), /anxious|your family|What usually helps/, 'never turned into the parent\'s own anxiety or family')
  }
  const uk = await converse(app, fresh(), ['found cuts on my son\'s arm', "we're in the UK. is there someone I can ring as a parent? I don't think its an emergency"])
  t.match(uk.at(-1)?.reply, /^Yes\. In the UK, the YoungMinds Parents Helpline/, `${uk.at(-1)?.reply}`)
  t.notMatch(uk.at(-1)?.reply, /firm pressure/, '"not an emergency" is not answered with first aid')
})

t.test('after a flag on not eating, a helpline question and dizziness now are answered, not met with another check', async (t) => {
  const app = await build(t)
  for (const place of [['im in ireland. is there an eating disorder thing here', /Bodywhys \(01 2107906\)/], ['is there an eating disorder helpline? uk', /Beat \(0808 801 0677\)/]] as const) {
    const turns = await converse(app, fresh(), ['i fainted at school today in PE', 'its probs bc i havent really eaten in like 3 days', place[0], 'i feel dizzy again right now when i stand up', "i already said im not suicidal. im dizzy like physically. what do i do"])
    const reply = repliesOf(turns)
    t.match(reply(2), place[1], `${place[0]} -> ${reply(2)}`)
    t.match(reply(3), /^Sit or lie down now/, reply(3))
    t.match(reply(4), /Stay sitting or lying down until it passes/, reply(4))
    t.notMatch(reply(3), /thoughts of not wanting to be alive/, 'no suicide check on dizziness')
  }
})

t.test('a teenager who self-harms: privacy, what to do instead of scratching, a doctor at 16, a line for teens, a helpline named', async (t) => {
  const app = await build(t)
  const turns = await converse(app, fresh(), [
    'hey. can i talk about something without it getting reported to anyone',
    'i asked if this is private. like does it go to my parents or school',
    'ok. so i scratch myself sometimes with my nails. i stopped for 2 months but the urge is back',
    'is there anything i can do instead when the urge comes? like actually works',
    'im not in the us im in canada. ontario',
    'if i went to my doctor would they have to tell my parents? im 16',
    'is there a line for teens in canada that u can text? not a suicide one',
    'kids help phone? is that a thing'
  ])
  const reply = repliesOf(turns)
  t.match(reply(0), /no way to contact your parents, your school/, reply(0))
  t.match(reply(1), /^No\. Nothing here goes to your parents/, reply(1))
  t.match(reply(3), /ice cube.*red pen/, reply(3))
  t.match(reply(4), /^Thank you, that helps\. .*in Canada you can call 988/, reply(4))
  t.match(reply(5), /usually kept confidential, from your parents too/, reply(5))
  t.notMatch(reply(5), /For an adult/, 'a 16-year-old is not given the rules for adults')
  t.match(reply(6), /Kids Help Phone .*text CONNECT to 686868/, reply(6))
  t.match(reply(7), /^Yes, Kids Help Phone is real/, reply(7))
  for (const [question, answer] of [['ive heard of childline, is it any good?', /^Yes, Childline is real/], ['do you know bodywhys?', /^Yes, Bodywhys is real/], ['samaritans? is that only for suicidal people', /^Yes, Samaritans is real/]] as const) {
    const named = (await converse(app, fresh(), ['been feeling low for weeks', question])).at(-1)?.reply
    t.match(named, answer, `${question} -> ${named}`)
  }
})

t.test('a teenager with exam panic: school is not assumed to be studying, a panic attack cannot kill, a text line where they are, "peace" is goodbye', async (t) => {
  const app = await build(t)
  for (const school of ['i just feel sick going to school now. like everyone saw it', 'exams r lowkey ending me fr. mocks in 2 weeks']) {
    const reply = (await say(app, fresh(), school)).reply
    t.notMatch(reply, /studies|studying/, `${school} -> ${reply}`)
  }
  for (const question of ['can a panic attack actually like kill u or mess up ur heart?', 'could i die from a panic attack', 'will panic attacks damage my heart?']) {
    const reply = (await converse(app, fresh(), ['had a panic attack in the library, heart going mad', question])).at(-1)?.reply
    t.match(reply, /^No\. A panic attack can feel exactly like dying/, `${question} -> ${reply}`)
  }
  for (const [question, line] of [['im in london btw. is there like a text line for this', /text SHOUT to 85258/], ['is there a text line? im in ireland', /text HELLO to 50808/], ['any text line i can use', /text HOME to 741741/]] as const) {
    const reply = (await converse(app, fresh(), ['so stressed i cant breathe', question])).at(-1)?.reply
    t.match(reply, line, `${question} -> ${reply}`)
  }
  const bye = (await converse(app, fresh(), ['mocks are killing me', 'wow ok ur actually useless lmao. peace'])).at(-1)?.reply
  t.match(bye, /come back whenever|Take care|Look after yourself/, `${bye}`)
})

t.test('"he beat me, is there a helpline?" is not answered with the eating disorder charity Beat', async (t) => {
  const app = await build(t)
  for (const message of ['he beat me again, is there a helpline?', 'my dad beat me up last night, is there anyone i can call?']) {
    const reply = (await say(app, fresh(), message)).reply
    t.notMatch(reply, /Beat is real|eating disorder/, `${message} -> ${reply}`)
  }
})
