// Short reviewed self-help scripts the listener can offer: general wellbeing practice, no diagnosis, no therapy claims.

export type SkillName = 'breathing' | 'grounding' | 'sleep' | 'thought' | 'step' | 'help'

export interface Skill {
  name: SkillName
  /** How the listener offers it, as a yes/no question the user can accept. */
  offer: string
  script: string
}

export const SKILLS: Record<SkillName, Skill> = {
  breathing: {
    name: 'breathing',
    offer: 'Would you like to try a slow breathing exercise with me?',
    script: 'Let\'s try it together. Breathe in gently through your nose for a count of four, hold for a moment, then breathe out slowly through your mouth for a count of six. ' +
      'Let your shoulders drop as you breathe out. Try five or six rounds like that, at your own pace; if it makes you dizzy, go back to breathing normally. ' +
      'Tell me how you feel when you have done a few.'
  },
  grounding: {
    name: 'grounding',
    offer: 'Would it help to try a short grounding exercise, to bring you back to the present?',
    script: 'Here is one called 5-4-3-2-1. Look around and name five things you can see, four things you can touch, three things you can hear, two things you can smell, and one thing you can taste. ' +
      'Take your time with each one; there is no wrong answer. Let me know how it went, if you like.'
  },
  sleep: {
    name: 'sleep',
    offer: 'Would you like a few ideas for winding down before sleep?',
    script: 'A wind-down that many people find helps: put screens away half an hour before bed, dim the lights, and do something slow, such as a warm shower, a few pages of a book or gentle stretching. ' +
      'If worries keep going round, write them on paper with one next step for each, so they can wait until morning. If you are still awake after about twenty minutes, get up, do something quiet in low light, and go back when you feel sleepy.'
  },
  thought: {
    name: 'thought',
    offer: 'Would you like to look at that thought together, and see whether there is a kinder way to put it?',
    script: 'Let\'s try it. First, write the thought down exactly as it comes, for example "I always mess things up". Then ask: what would I say to a friend who told me this about themselves? ' +
      'Is there anything that does not fit the thought, even something small? Then try a fairer version, such as "I got this one thing wrong, and I have got other things right". What comes up when you try that with your own thought?'
  },
  step: {
    name: 'step',
    offer: 'Would it help to pick one small step you could take today?',
    script: 'Let\'s keep it really small: something that would take ten minutes or less, like a glass of water, a short walk, one message to someone, or one task written down. ' +
      'Pick one, and decide when you will do it. Small steps count, and they tend to make the next one easier. What could yours be?'
  },
  help: {
    name: 'help',
    offer: 'Would you like to know some ways of finding professional support?',
    script: 'Some ways to find support from a person: your family doctor or primary care clinic can talk through how you have been and refer you to a therapist or counsellor. ' +
      'Many countries have therapist directories (in the US, the Psychology Today directory or your insurer\'s list). If you work, an Employee Assistance Programme often offers a few free, confidential sessions. ' +
      'Students can usually see a campus counselling service. And helplines are there any time: in the US call or text 988, and https://findahelpline.com lists free helplines in other countries. I\'m an AI, not a therapist, so a person like that can help in ways I can\'t.'
  }
}

/** The skill a reply offered, if it did: the user's "yes" then accepts it. */
export function skillOffered (reply: string | undefined): Skill | undefined {
  if (reply === undefined) return undefined
  return Object.values(SKILLS).find(skill => reply.includes(skill.offer))
}
