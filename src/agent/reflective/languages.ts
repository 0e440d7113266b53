// Messages in another language: found by their common words, answered with a short note in that language and the helpline directory.

interface Language {
  name: string
  words: RegExp
  note: string
}

// Words common in the language and rare in English, so an English message with one borrowed word stays English.
const LANGUAGES: Language[] = [
  {
    name: 'es',
    words: /(?<![\p{L}])(estoy|siento|tengo|muy|pero|porque|nadie|nada|triste|ayuda|quiero|puedo|mucho|ansiedad|solo|sola|mi|que|no sé|hola|gracias|todo|vida|miedo|esposo|esposa|marido|novio|novia|mamá|papá|hay|algún|alguna|número|dónde|cómo|qué|también|ella|él|grita|pega|una|los|las|para|con|es|y)(?![\p{L}])/gu,
    note: 'Gracias por escribirme. Por ahora solo sé conversar bien en inglés, pero no tienes que pasar por esto a solas. ' +
      'En https://findahelpline.com encontrarás líneas de ayuda gratuitas y confidenciales de tu país. Si estás en peligro, llama al número de emergencias local. ' +
      'Si quieres, puedes seguir escribiéndome en inglés.'
  },
  {
    name: 'fr',
    words: /(?<![\p{L}])(je|suis|très|mais|parce|personne|rien|triste|aide|veux|peux|beaucoup|angoisse|seul|seule|bonjour|merci|tout|vie|peur|j'ai|c'est)(?![\p{L}])/gu,
    note: 'Merci de m\'avoir écrit. Pour l\'instant, je ne sais bien converser qu\'en anglais, mais vous n\'avez pas à traverser cela seul·e. ' +
      'Sur https://findahelpline.com, vous trouverez des lignes d\'écoute gratuites et confidentielles dans votre pays. En cas de danger, appelez le numéro d\'urgence local. ' +
      'Si vous le souhaitez, vous pouvez continuer en anglais.'
  },
  {
    name: 'de',
    words: /(?<![\p{L}])(ich|bin|fühle|mich|nicht|sehr|aber|weil|niemand|nichts|traurig|hilfe|will|kann|viel|angst|allein|hallo|danke|alles|leben|mein|meine)(?![\p{L}])/gu,
    note: 'Danke, dass du mir schreibst. Im Moment kann ich nur auf Englisch gut antworten, aber du musst das nicht allein durchstehen. ' +
      'Unter https://findahelpline.com findest du kostenlose, vertrauliche Hilfetelefone in deinem Land. Wenn du in Gefahr bist, ruf den örtlichen Notruf an. ' +
      'Wenn du möchtest, kannst du mir gern auf Englisch weiterschreiben.'
  },
  {
    name: 'pt',
    words: /(?<![\p{L}])(estou|sinto|tenho|muito|mas|porque|ninguém|nada|triste|ajuda|quero|posso|ansiedade|sozinho|sozinha|olá|obrigado|obrigada|tudo|vida|medo|não|eu)(?![\p{L}])/gu,
    note: 'Obrigado por me escrever. Por enquanto só consigo conversar bem em inglês, mas você não precisa passar por isso sozinho. ' +
      'Em https://findahelpline.com você encontra linhas de apoio gratuitas e confidenciais no seu país. Se estiver em perigo, ligue para o número de emergência local. ' +
      'Se quiser, pode continuar a escrever-me em inglês.'
  },
  {
    name: 'it',
    words: /(?<![\p{L}])(sono|sento|ho|molto|ma|perché|nessuno|niente|triste|aiuto|voglio|posso|ansia|solo|sola|ciao|grazie|tutto|vita|paura|non|mi)(?![\p{L}])/gu,
    note: 'Grazie per avermi scritto. Per ora so conversare bene solo in inglese, ma non devi affrontare tutto questo da solo. ' +
      'Su https://findahelpline.com trovi linee di ascolto gratuite e riservate nel tuo paese. Se sei in pericolo, chiama il numero di emergenza locale. ' +
      'Se vuoi, puoi continuare a scrivermi in inglese.'
  }
]

// Words only English uses among these languages ("me", "a", "no" are Spanish or Italian too).
const ENGLISH = /\b(i|i'm|the|and|is|are|to|it|my|you|feel|was|have|just|so|not|don't|can't|what|this|that|with|of)\b/g

/** Scripts other than Latin: no note in that language yet, so an English note with the directory. */
const OTHER_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Cyrillic}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Greek}\p{Script=Bengali}\p{Script=Tamil}]/u

export const OTHER_LANGUAGE_NOTE = 'I can only talk in English for now, and I\'m sorry I can\'t answer in your language. ' +
  'You can find free, confidential helplines in your own country and language at https://findahelpline.com, and if you are in danger, please call your local emergency number.'

/** The note for a message written in another language, or undefined for English. */
export function otherLanguageNote (text: string): string | undefined {
  const letters = text.replace(/[^\p{L}]/gu, '')
  if (letters.length === 0) return undefined
  const foreignScript = (text.match(new RegExp(OTHER_SCRIPT.source, 'gu')) ?? []).length
  if (foreignScript > letters.length / 2) return OTHER_LANGUAGE_NOTE
  const english = new Set(text.toLowerCase().match(ENGLISH) ?? []).size
  let best: { language: Language, hits: number } | undefined
  for (const language of LANGUAGES) {
    const hits = new Set(text.match(language.words) ?? []).size
    if (hits >= 2 && hits > english && (best === undefined || hits > best.hits)) best = { language, hits }
  }
  return best?.language.note
}
