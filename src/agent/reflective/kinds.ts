// What kind of message this is, before any reflecting: a question, a remark about the chat, small talk, a goodbye...

export type MessageKind =
  | 'empty' | 'asks_if_human' | 'stop_asking' | 'sarcasm' | 'repetition_remark' | 'bot_remark' | 'not_listening' | 'anger_at_chat'
  | 'medical_question' | 'help_question' | 'normal_question' | 'what_to_do' | 'cannot_do' | 'privacy_question' | 'memory_question'
  | 'how_are_you' | 'name_question' | 'other_question'
  | 'apology' | 'still_there' | 'greeting' | 'thanks' | 'leaving' | 'goodbye' | 'safe_again' | 'agreement' | 'unsure' | 'minimal' | 'statement'
  | 'correction' | 'skill_request' | 'practical_question' | 'first_aid_question' | 'decision_question' | 'carer_question' | 'control_question' | 'medication_question' | 'opinion_question' | 'roleplay_request'

// Checked in order: the first that matches names the message.
const KINDS: Array<[MessageKind, RegExp]> = [
  // Leaving because someone is coming home comes before any goodbye: it gets the safe goodbye.
  ['leaving', /\b(have to go|got to go|need to go|must go|gotta go|have to stop|can't talk)\b.{0,40}\b(he's|she's|they're|he is|she is|they are) (home|back|coming|here)|\b(he's|she's|they're) (coming( home| back)?|home|back|here)\b.{0,30}\b(go|stop|bye|delete)\b|\b(he's|she's) coming\b/],
  // A message that ends in a goodbye is a goodbye, whatever came before it.
  ['goodbye', /[.!,]\s*(bye|goodbye|good ?night|night|nite|gn|gtg|g2g|ttyl|laters|see you|cya|night night)[\s!.,]*( x+)?[\s!.,]*$|\b(i should|i need to|i have to|i'm going to|going to|i will) (try (and|to) )?(go to )?(sleep|bed) now[\s!.,]*$|\b(i think )?i'?ll (go|head off|leave it there|log off|stop here) (now|for now|for today|for tonight)\b/],
  ['asks_if_human', /\b(are|r) (you|u) (a |an )?(real|human|person|bot|robot|ai|machine|computer)\b|\b(talking|speaking|chatting) (to|with) (a |an )?(real )?(human|person|bot|robot|ai|machine)\b|\bis this (a |an )?(real )?(person|human|bot|ai)\b/],
  ['stop_asking', /\b(stop|quit|enough( with)?|no more) (asking|with the|questions)|\bstop asking\b|\b(so many|too many|all these|all the) questions\b/],
  ['sarcasm', /\b(thanks?|thank you) for nothing\b|\b(wow|gee|great|oh great|yeah),? (thanks|thank you|so helpful|very helpful|really helpful)\b|\bsuper helpful\b.*(not|\/s)|\bso helpful\b.*\bnot\b|\bthat was useless\b/],
  ['repetition_remark', /\b(you|u) (keep|always|just) (saying|repeating|asking)\b|\brepeating (yourself|the same)\b|\b(you )?(already|just) (said|asked) (that|this)\b|\b(the )?same (answer|reply|question|response)s? (again|every time|over and over)\b|\byou said that (already|before)\b/],
  ['not_listening', /\b(you('re| are)? not|your not|you aren't|you don't|you never) (even )?(listening|listen|understand|get it|hearing)\b|\b(are|r) (you|u) (even )?(reading|listening)\b|\bi (just|literally|already) (told|said to) (you|u)\b|\btry to keep up\b|\byou (not|didn't|did not|never|don't) answer(ed)? (my|the) question\b|\bthat'?s not what i (asked|said)\b|\bi asked (you )?(a question|about)\b|\byou (didn't|did not|never) (even )?(say|mention|ask|respond to) anything about\b/],
  ['bot_remark', /\b(you('re| are)|ur) (just |only )?(a |an )?(bot|robot|program|machine|ai|computer|script)\b/],
  ['anger_at_chat', /\b(you('re| are)|(?<!\b(if|whether|maybe|probably|know|wonder if|think) )this is|ur) (so |really |fucking |completely )?(useless|stupid|pointless|dumb|worthless|crap|shit|garbage|rubbish|annoying)\b|\b(fuck|screw) (you|this)\b|\byou suck\b|\bnot helping\b|\bthis (doesn't|isn't|is no) help/],
  // Putting right what the listener misread: "I'm not suicidal, I just meant I'm tired", "I was quoting you".
  ['correction', /\b(i'm|i am) not (suicidal|angry)\b|\bi (just|only|merely) (meant|said|mean)\b|\bi was (just )?(quoting|joking|kidding|asking)\b|\bthat'?s not what i meant\b|\b(you )?(misread|misunderstood|misunderstand|got it wrong)\b|\bnot the word i used\b|\bit'?s not (me|about me),|\bnot like that\b|\bi said (what if|if|maybe)\b|\b(didn't|did not|don't|do not) mean (it )?(like that|that way|it literally)\b|\bi meant (i wish|like|that i)\b|\b(nobody|no one|no-one) is hurting me\b|\bit'?s not happening\b/],
  ['skill_request', /\b(breathing|breath|calming|relaxation|grounding) (exercise|technique|thing)|\b(technique|exercise|trick|tips?|way)s? (to|for) (calm|relax|breathe|settle|slow|sleep|stop (panicking|overthinking))|\bhelp me (breathe|calm down|relax|ground)|\bgrounding\b|\b5-?4-?3-?2-?1\b|\b(something|anything|a way) to (calm|relax|settle|slow) (me |myself )?(down)?|\bhow (do|can) i (actually )?(calm down|relax|breathe|sleep|get (to sleep|some sleep)|fall asleep|wind down|stop (panicking|overthinking|spiral\w*))\b|\b(sleep|wind.?down) (tips|routine|ideas|exercise)\b/],
  ['first_aid_question', /\bhow (do|should|can) i (treat|clean|look after|care for|dress|cover|cool|help) (a |the |my |this )?(burn|burns|cut|cuts|wound|blister)\b|\b(burn|cut|wound|blister)s?\b.{0,40}\b(what do i do|what should i do|how do i treat|first aid|need stitches|infected)\b/],
  ['medical_question', /\bchest\b.{0,40}\b(tight|tightness|pain|pressure|hurt)\b.{0,60}\b(arm|jaw)\b.{0,20}\b(numb|tingl\w*|pain|ache)|\b(left )?arm\b.{0,20}\b(numb|tingl\w*)\b.{0,60}\bchest\b/],
  ['medical_question', /\b(heart attack|chest (pain|hurts|tight)|can't breathe|cannot breathe|trouble breathing|heart (is )?(racing|pounding)|palpitations|faint(ed|ing)?|dizzy|numb (arm|face)|overdose|medication|meds|dose|pills?)\b.*\?|\b(panic attack or|or a heart attack|am i having a heart attack)\b/],
  // Changing a dose, or how much of a medicine to take: never advised, always the prescriber or a pharmacist.
  ['medication_question', /\b(double|triple|increase|up|change|stop|skip|halve) (it|my dose|the dose|my meds|my medication|my tablets|my pills)\b|\b(my )?(prescription|dose|dosage) is \d+|\bhow (many|much) (mg|pills|tablets|of (my|the) (meds|medication|pills|tablets))\b|\bcan i take (more|extra|two|double)\b/],
  ['opinion_question', /\b(left or right wing|who (did|do|would|should) (you|u) vote|(your|ur) (opinion|view|views) on (politics|religion|god|abortion|the election|immigration)|do (you|u) believe in god|are (you|u) (religious|christian|muslim|atheist|left wing|right wing|a democrat|a republican|conservative|liberal))\b/],
  ['roleplay_request', /\b(pretend|act|role ?play|be) (to be |as |like )?(my|a) (therapist|counsell?or|psychologist|doctor|girlfriend|boyfriend|friend|mum|mom|dad)\b/],
  ['carer_question', /\b(help|support|respite|breaks?|anything|services?) for (carers|caregivers|people caring)\b|\brespite( care)?\b|\bcarer'?s'? (support|help|assessment|allowance|groups?)\b/],
  // "Is this controlling?" about a partner who checks the phone, decides who one sees, holds the money.
  ['control_question', /\b(is (it|this|that) (controlling|abuse|abusive|normal in a relationship|normal in (a )?marriages?|coercive)|is this normal in a relationship|is it normal for (a|my) (husband|wife|partner|boyfriend|girlfriend|spouse) to|am i overreacting|am i being too sensitive|can men (even )?(call|ring|use)|are (the )?(helplines|hotlines) (for|only for) (men|women))\b/],
  ['help_question', /\b(recommend|find|get|see|need|afford|where|how)\b.{0,40}\b(therapist|therapy|counsell?or|counsell?ing|psychologist|psychiatrist|professional help|support group|help)\b.*\?|\b(should i|do i need to) (see|get|talk to) (a |some )?(therapist|doctor|counsell?or|professional|help)\b/],
  ['normal_question', /\b(is (this |it |that )?(normal|weird|common)\b|it is normal|am i (normal|weird|crazy|broken|the only one)|do other people (feel|get)|does anyone else)\b/],
  ['practical_question', /\bhow (do|can|should|could) i (make|find|meet) (new )?friends\b|\b(make|making) friends\b.*\?|\b(revis\w+|study|studying|exam|homework) (tips|advice|help)\b|\btips (for|on) (revis\w+|studying|exams?)\b|\bshould i (ask|tell|talk to|email) (my )?(manager|boss|teacher|landlord|tutor|lecturer)\b|\bhow (do|can|should) i (tell|ask|talk to) (my )?(manager|boss|teacher|landlord|tutor|lecturer)\b/],
  // Whether to try something: "do you think I should go to the book group?", "would it be sensible to try it?".
  ['decision_question', /\b(do you think|would it be (sensible|a good idea|wise|silly|worth it)|is it (a good idea|sensible|worth it|silly)|should i (try|go|join|give it a (go|try)|sign up|reach out|text|call|message|apply|ask her out|ask him out|tell (them|him|her|my \w+)|wait|come out))\b.*\?$|\bwhat would (you|u) do\b|\bwould it be (sensible|a good idea|wise) to\b/],
  ['what_to_do', /\b(what (should|do|can|could) i do|what do i do|what now|any (advice|tips|ideas)|how (do|can|should) i (cope|deal|handle|stop|calm|get through|sleep|relax|feel better)|help me\b(?! (understand|find))|give me (some )?(advice|tips)|tell me what to do)\b/],
  ['cannot_do', /\b(weather|forecast|stock price|what time is it|what day is it|tell me a joke|translate|recipe)\b|\b(can|could|would|will) (you|u) (google|search|look up|check|find out|tell me the (news|score))\b|\bwhat('s| is) (the|in the) (news|score)\b/],
  ['privacy_question', /\b(is this (private|confidential|secure|anonymous)|who (can )?(reads|sees|read|see) (this|these|my)|do you (store|save|keep|record)|are you (recording|saving|storing))\b/],
  ['memory_question', /\b(do you remember|will you remember|can you remember|what did i (say|tell you))\b/],
  ['how_are_you', /^(and )?(how are you|how r you|how are you doing|how's it going|how are things|hru|wbu|and you)\b.{0,12}$/],
  ['name_question', /\b(what'?s your name|what is your name|who are you|what are you)\b/],
  ['apology', /\b(sorry|apologi[sz]e) (for|about) (my english|my bad english|my grammar|my spelling|the long message|the essay|rambling|ranting|venting|writing so much|bothering you|going on)\b|\bsorry (that was|this is|it's) (so )?(long|a lot|a rant)\b|\bsorry for (my )?(english|rambling|ranting)\b/],
  ['still_there', /^(hello|hi|hey|yo)?\s*(\?+|are you (still )?there\??|anyone there\??|is anyone there\??|you there\??)$|^(hello|hi|hey)\?+$/],
  ['greeting', /^(hi|hello|hey|hiya|heya|yo|sup|good (morning|afternoon|evening)|hi there|hello there|hey there)\b[\s!.,]*$/],
  ['goodbye', /\b(have to go|got to go|need to go|gotta go)( now)?[\s!.,]*$|\b(bye|goodbye|good night)[\s!.,]*( x+)?[\s!.,]*$/],
  ['thanks', /^(ok(ay)?,? )?(thanks|thank you|thank u|thx|ty|cheers|appreciate it|gracias|merci|danke|obrigad[oa]|grazie)\b.{0,50}$/],
  ['goodbye', /^(ok(ay)?,? )?(bye|goodbye|good bye|bye bye|see you|see ya|cya|good night|goodnight|night|nite|gn|gtg|g2g|ttyl|talk (to you )?later|later|i have to go|i need to go|i've got to go|have to go|got to go|i'm off|i'm going to go|i'll go now|i'm done for (today|now|tonight))\b.{0,40}$|\b(good ?night|gtg|g2g)[\s!.,]*$|\b(i'm off to|off to|going to) (bed|sleep)\b.{0,30}$/],
  ['safe_again', /\b(i'm safe|i am safe|i'm okay now|i'm ok now|i'm alright now|i won't do anything|i'm not going to do anything|i just needed to (say|tell|get) (it|that)|not going to hurt myself|i'm not in danger|i am not in (any )?danger|i am not want to hurt|i don't want to hurt (myself|anyone)|no quiero hacerme da\w*)\b/],
  ['agreement', /^(yes|yeah|yea|yep|yup|sure|ok|okay|ok sure|okay sure|alright|please|yes please|sure why not|why not|let's try|let's do it|go on|i'll try|fine)\b[\s!.,]*$/],
  ['unsure', /^(i don't know|not sure|i'm not sure|no idea|dunno|i guess|maybe)\b[\s!.,]*$/],
  ['minimal', /^(ok|okay|k|kk|mm+|hm+|yeah|yes|no|nah|nope|sure|fine|whatever|right|true|same|cool)\b[\s!.,]*$/]
]

/** Questions that match none of the kinds above still deserve an answer, not a mirror. */
const QUESTION = /\?\s*$|^(is|are|am|can|could|should|would|will|do|does|did|what|why|how|where|when|who)\b/

export function kindOf (text: string): MessageKind {
  if (text === '') return 'empty'
  for (const [kind, pattern] of KINDS) if (pattern.test(text)) return kind
  // A question about oneself ("why do I always feel this way?") is still reflected, then gently answered.
  if (QUESTION.test(text) && !/\b(i|i'm|me|my)\b/.test(text)) return 'other_question'
  return 'statement'
}
