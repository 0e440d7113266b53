// The listener's own words with the helplines of the region the user is in (src/safety/region.ts
// finds it); the safety event's resources follow the same region where the operator's file has them.

import type { Region } from '../../safety/region.ts'

interface Helplines {
  /** "the UK" */
  where: string
  /** What to call, after "call": "Samaritans on 116 123". */
  crisisLine: string
  emergency?: string
  /** The domestic abuse line, after "the" or alone. */
  abuseLine?: string
  /** The line for men being abused, when the user is a man. */
  menAbuseLine?: string
  /** Where to find a therapist, in brackets after "therapist directories". */
  therapists?: string
  /** The alcohol and drugs line, after "In <where>,". */
  alcoholLine?: string
  /** The LGBTQ+ line, after "in <where>,". */
  lgbtLine?: string
  /** Advice for parents of a child who self-harms, as a sentence. */
  parentLine?: string
  /** Free debt advice, as a sentence. */
  debtLine?: string
  /** A line to text, as a sentence, after "Yes. ". */
  textLine?: string
  /** Lines for young people, after "Yes. ". */
  youthLine?: string
  /** The eating disorder helpline, as a sentence. */
  eatingLine?: string
  /** Support after a death by suicide, as a sentence. */
  lossLine?: string
  /** Where a wound is seen the same day, after "get it seen today at". */
  urgentCare?: string
}

const LOCAL_EMERGENCY = 'your local emergency number'

const HELPLINES: Record<Exclude<Region, 'us'>, Helplines> = {
  uk: {
    where: 'the UK',
    crisisLine: 'Samaritans on 116 123 (free, any time)',
    emergency: '999',
    abuseLine: 'National Domestic Abuse Helpline (0808 2000 247, free, 24 hours)',
    menAbuseLine: "Men's Advice Line (0808 801 0327, free)",
    therapists: 'in the UK, your GP or NHS Talking Therapies, which you can refer yourself to',
    alcoholLine: 'Drinkline (0300 123 1110) is free and confidential, and your GP can refer you to local alcohol services',
    lgbtLine: 'Switchboard (0800 0119 100)',
    textLine: 'In the UK you can text SHOUT to 85258, free and any time',
    parentLine: 'In the UK, the YoungMinds Parents Helpline (0808 802 5544) gives free advice, and Childline (0800 1111) is there for your child too',
    debtLine: 'in the UK, Citizens Advice, StepChange (0800 138 1111) and National Debtline (0808 808 4000) can help you make a plan, and Shelter helps with rent arrears',
    youthLine: 'In the UK, Childline is free and any time (0800 1111, or a 1-to-1 chat at childline.org.uk), and calls don\'t show on the phone bill',
    eatingLine: 'In the UK, Beat (0808 801 0677) is free, and can help with what to say to your family and your GP',
    lossLine: 'In the UK, Survivors of Bereavement by Suicide (SOBS, 0300 111 5065) runs groups and a helpline, the Support After Suicide Partnership (https://supportaftersuicide.org.uk) lists help near you, and Cruse Bereavement Support (0808 808 1677) is there too',
    urgentCare: 'an urgent treatment centre or walk-in centre (NHS 111 can tell you where, and a nurse there will not tell your family or university)'
  },
  ie: {
    where: 'Ireland',
    youthLine: 'In Ireland, Childline is free and any time (1800 66 66 66, or text 50101)',
    crisisLine: 'Samaritans on 116 123 (free, any time)',
    emergency: '112 or 999',
    abuseLine: "Women's Aid line (1800 341 900, free, 24 hours)",
    menAbuseLine: "Men's Aid line (01 554 3811)",
    alcoholLine: 'the HSE Drugs and Alcohol Helpline (1800 459 459) is free and confidential',
    lgbtLine: 'LGBT Ireland (1800 929 539)',
    textLine: 'In Ireland you can text HELLO to 50808, free and any time',
    parentLine: 'In Ireland, Parentline (01 873 3500) gives parents free advice, and Childline (1800 66 66 66) is there for your child too',
    eatingLine: 'In Ireland, Bodywhys (01 2107906) supports anyone affected by an eating disorder, and your GP is a good first step'
  },
  ca: {
    where: 'Canada',
    youthLine: 'In Canada, Kids Help Phone is free and any time (1-800-668-6868, or text CONNECT to 686868)',
    crisisLine: '988 (call or text, any time)',
    lgbtLine: 'Kids Help Phone (1-800-668-6868, or text CONNECT to 686868)',
    textLine: 'In Canada you can text 988 any time, or text CONNECT to 686868 (Kids Help Phone) if you are young',
    therapists: 'in Canada, your provincial health line (811 in most provinces) or the Psychology Today directory, where many list sliding-scale fees'
  },
  au: {
    where: 'Australia',
    crisisLine: 'Lifeline on 13 11 14 (any time)',
    emergency: '000',
    abuseLine: '1800RESPECT line (1800 737 732, any time)',
    menAbuseLine: 'MensLine Australia (1300 78 99 78, any time), or the 1800RESPECT line (1800 737 732)',
    alcoholLine: 'the National Alcohol and Other Drug Hotline (1800 250 015) is free and confidential',
    lgbtLine: 'QLife (1800 184 527)',
    textLine: 'In Australia you can text Lifeline on 0477 13 11 14',
    parentLine: 'In Australia, Kids Helpline (1800 55 1800) is there for your child, and your GP can advise you as a parent',
    debtLine: 'in Australia, the National Debt Helpline (1800 007 007) can help you make a plan',
    youthLine: 'In Australia, Kids Helpline is free and any time (1800 55 1800, or webchat at kidshelpline.com.au), for anyone 5 to 25',
    eatingLine: 'In Australia, the Butterfly Foundation (1800 33 4673) is free, and your GP is a good first step',
    lossLine: 'In Australia, StandBy Support After Suicide (1300 727 247) supports anyone bereaved by suicide, for free'
  },
  // A country with no lines listed here: the directory, and the local emergency number.
  other: {
    where: 'your country',
    crisisLine: 'a local crisis line (https://findahelpline.com lists them by country)',
    emergency: LOCAL_EMERGENCY,
    therapists: 'your family doctor, or a local directory of registered therapists'
  },
  nz: {
    where: 'New Zealand',
    youthLine: 'In New Zealand, Youthline is free (0800 376 633, or text 234)',
    textLine: 'In New Zealand you can text 1737 any time, free',
    crisisLine: '1737 (call or text, any time)',
    emergency: '111',
    abuseLine: "Women's Refuge crisis line (0800 733 843, any time)",
    menAbuseLine: 'Shine helpline (0508 744 633, for men too)',
    alcoholLine: 'the Alcohol Drug Helpline (0800 787 797) is free and confidential',
    lgbtLine: 'OUTLine (0800 688 5463)'
  }
}

/** Where a region has no line of a kind: the directory, never a US number. */
const DIRECTORY = 'a local helpline (https://findahelpline.com lists them)'

/** The listener's US wording, and what it says instead with a region's helplines. */
function replacements (lines: Helplines, man: boolean): Array<[RegExp, string]> {
  const abuseLine = (man ? lines.menAbuseLine : undefined) ?? lines.abuseLine ?? `domestic abuse helpline near you (https://findahelpline.com lists them)`
  const found: Array<[RegExp, string]> = [
    [/in the US you can call or text 988( any time)?/g, `in ${lines.where} you can call ${lines.crisisLine}`],
    [/in the US call or text 988/g, `in ${lines.where} call ${lines.crisisLine}`],
    [/call or\s+text 988 (in the US|\(in the US\))/g, `call ${lines.crisisLine}`],
    [/calling or texting 988 \(in the US\)/g, `calling ${lines.crisisLine}`],
    [/a crisis line such as 988 in the US/g, `a crisis line such as ${lines.crisisLine}`],
    [/National Domestic Violence Hotline \(1-800-799-7233,\s+or text START to 88788\)/g, abuseLine],
    [/hotline \(1-800-799-7233, or text START to 88788\)/g, abuseLine],
    [/hotline at 1-800-799-7233/g, abuseLine],
    [/In the US, the SAMHSA helpline \(1-800-662-4357\) is free, confidential and open any time, and can point you to local services/g,
      lines.alcoholLine !== undefined ? `In ${lines.where}, ${lines.alcoholLine}` : `${DIRECTORY.replace(/^a/, 'A')} can point you to alcohol services`],
    [/in the US, the Trevor Project \(1-866-488-7386, or text START to 678-678\)/g, lines.lgbtLine !== undefined ? `in ${lines.where}, ${lines.lgbtLine}` : DIRECTORY]
  ]
  found.push([/In the US, you can call or text 988 for advice as a parent too/g, lines.parentLine ?? `${DIRECTORY.replace(/^a/, 'A')} can advise you as a parent too`])
  found.push([/in the US, a nonprofit credit counselling agency \(the NFCC lists them at nfcc\.org\) can help you make a plan, and calling 211 connects you to local help with rent/g,
    lines.debtLine ?? 'a local debt advice service (https://findahelpline.com or your council can point you to one) can help you make a plan'])
  found.push([/In the US you can text HOME to 741741 \(Crisis Text Line\), free and any time/g, lines.textLine ?? `${DIRECTORY.replace(/^a/, 'A')} lists text lines near you`])
  found.push([/In the US you can text HOME to 741741 \(Crisis Text Line\) or call or text 988, free and any time/g,
    lines.youthLine ?? `${DIRECTORY.replace(/^a/, 'A')} lists free lines for young people`])
  found.push([/In the US, the ANAD helpline \(1-888-375-7767\) is free, and your doctor is a good first step/g,
    lines.eatingLine ?? `${DIRECTORY.replace(/^a/, 'A')} can point you to eating disorder support, and your doctor is a good first step`])
  found.push([/In the US, the American Foundation for Suicide Prevention lists suicide loss support groups near you \(https:\/\/afsp\.org\), and local hospices often run them too/g,
    lines.lossLine ?? `${DIRECTORY.replace(/^a/, 'A')} can point you to groups for people bereaved by suicide near you`])
  if (lines.emergency === LOCAL_EMERGENCY) found.push([/call 911 or your local emergency number/g, `call ${LOCAL_EMERGENCY}`])
  if (lines.emergency !== undefined) found.push([/call 911/g, `call ${lines.emergency}`])
  if (lines.therapists !== undefined) {
    found.push([/in the US, the Psychology Today directory or your insurer's list/g, lines.therapists],
      [/In the US, the Psychology Today directory or your insurer's list shows who is near you/g, `Where to look: ${lines.therapists.replace(/^in /, 'in ')}`])
  }
  if (lines.urgentCare !== undefined) found.push([/urgent care or a walk-in clinic/g, lines.urgentCare])
  return found
}

type Local = Record<Exclude<Region, 'us'>, Array<[RegExp, string]>>
const LOCAL = Object.fromEntries(Object.entries(HELPLINES).map(([region, lines]) => [region, replacements(lines, false)])) as Local
const LOCAL_FOR_MEN = Object.fromEntries(Object.entries(HELPLINES).map(([region, lines]) => [region, replacements(lines, true)])) as Local

/** The reply with its helplines those of the user's region; for a man, the abuse line that serves men. */
export function localised (reply: string, region: Region | undefined, man = false): string {
  if (region === undefined || region === 'us') return reply
  let text = reply
  for (const [us, local] of (man ? LOCAL_FOR_MEN : LOCAL)[region]) text = text.replace(us, local)
  return text
}
