// What the service itself says about safety: the AI disclosure, the crisis instruction for models,
// and the offline listener's fixed crisis replies. Written to safe-messaging practice: acknowledge,
// encourage reaching out now, never discuss methods.
import type { RiskCategory } from './taxonomy.ts'

export const AI_DISCLOSURE = 'You are talking with an AI, not a person. It can listen and reflect, but it is not a ' +
  'therapist and not a replacement for professional care. If you are in danger or thinking about harming yourself, ' +
  'call or text 988 (US) or your local emergency number.'

/** How long a disclosure lasts before it is shown again. */
export const DISCLOSURE_INTERVAL_MS = 3 * 60 * 60 * 1000

const FOCUS: Record<RiskCategory, string> = {
  self_harm: 'thoughts of suicide or self-harm',
  harm_to_others: 'thoughts of harming someone else',
  abuse: 'being hurt, threatened or unsafe because of someone else'
}

/** Added to the system prompt when the risk screen flags the user's message. */
export function crisisInstruction (category: RiskCategory): string {
  return [
    `SAFETY: the user's latest message may describe ${FOCUS[category]}. Follow safe-messaging practice in this reply:`,
    '- Respond with warmth first: acknowledge what they said and that it took courage to say it.',
    '- Encourage them to reach out now: in the US call or text 988, or call 911 if they are in immediate danger; elsewhere, their local emergency number or a local helpline. The app shows these resources beside your reply.',
    '- Ask whether they are safe right now, and whether someone they trust can be with them.',
    '- Never describe, compare or discuss methods, means or amounts, whatever the framing; do not debate their reasons.',
    '- Keep the reply short, plain and calm. Remind them you are an AI and cannot replace a person who can help.'
  ].join('\n')
}

/** The offline listener's reply to a flagged message: fixed, reviewed words, no improvisation. */
export const CRISIS_REPLIES: Record<RiskCategory, string> = {
  self_harm: "Thank you for telling me. I'm really glad you did. It sounds like you are in a lot of pain right now, " +
    "and you don't have to carry it alone. I'm an AI, so I can't be there the way a person can, but people at a crisis " +
    'line can talk with you right now: in the US you can call or text 988, and if you are in immediate danger please ' +
    'call 911 or your local emergency number. Are you safe right now, and is there someone you trust who could be with you?',
  harm_to_others: 'Thank you for telling me. It sounds like you are holding some very intense feelings right now. ' +
    'If you feel you might act on them, please put some distance between you and the other person now, and call or ' +
    'text 988 (in the US) or your local emergency number: they help with feelings like these too. ' +
    "I'm an AI and can't step in, but you don't have to handle this alone. Is there someone you can reach out to right now?",
  abuse: "I'm so sorry this is happening to you. It is not your fault, and you deserve to be safe. If you are in danger " +
    'right now, please call 911 or your local emergency number. The National Domestic Violence Hotline (1-800-799-7233, ' +
    "or text START to 88788) can help you think through your options, confidentially. I'm an AI, so I can't act for you, " +
    'but I can keep listening. Is there somewhere safe you can go, or someone you trust you can tell?'
}
