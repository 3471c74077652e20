/**
 * The chat's words in English, Dutch, German and French. The language comes from the embed snippet's
 * data-lang, else the page's lang, else the browser (see the loader); anything else is English.
 */
export interface Messages {
  lang: string;
  title: string;
  connecting: string;
  reconnecting: string;
  offline: string;
  yourMessage: string;
  placeholder: string;
  send: string;
  openChat: string;
  unread: (n: number) => string;
  closeChat: string;
  ended: string;
  messages: string;
  notSent: string;
  retry: string;
  sending: string;
  sent: string;
  read: string;
  typeFirst: string;
  tooLong: (max: number) => string;
  typing: (name: string | null) => string;
  /** "15 s", "2 min". */
  duration: (seconds: number) => string;
  answering: (name: string) => string;
  queued: (position: number, wait: string | null) => string;
  slipping: (position: number, promise: string) => string;
  rateTitle: string;
  howDidWeDo: string;
  ratingScale: string;
  of5: (n: number) => string;
  comment: string;
  commentPlaceholder: string;
  sendRating: string;
  chooseRating: string;
  thanks: string;
  ratingFailed: string;
  attach: string;
  dropHere: string;
  uploading: (percent: number) => string;
  download: string;
  fileEmpty: string;
  fileTooLarge: (megabytes: number) => string;
  fileType: string;
  uploadRefused: string;
}

const en: Messages = {
  lang: 'en',
  duration: (s) => (s < 60 ? `${s} s` : `${Math.round(s / 60)} min`),
  answering: (name) => `Message received. ${name} will answer you shortly.`,
  queued: (n, wait) => `Message received. You are number ${n} in the queue${wait ? `; expected wait about ${wait}` : ''}.`,
  slipping: (n, promise) =>
    `It is taking longer than our ${promise} promise: all operators are busy and you are ${n === 1 ? 'next' : `number ${n}`}. We answer as soon as someone is free.`,
  title: 'Chat with us',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline, retrying…',
  yourMessage: 'Your message',
  placeholder: 'Write a message…',
  send: 'Send',
  openChat: 'Open chat',
  unread: (n) => `Open chat, ${n} new ${n === 1 ? 'message' : 'messages'}`,
  closeChat: 'Close chat',
  ended: 'This chat has ended. Write below to start a new one.',
  messages: 'Messages',
  notSent: 'Not sent yet, retrying.',
  retry: 'Retry',
  sending: 'Sending…',
  sent: 'Delivered',
  read: 'Read',
  typeFirst: 'Type a message first.',
  tooLong: (max) => `The message is longer than ${max} characters.`,
  typing: (name) => `${name ?? 'Someone'} is typing…`,
  rateTitle: 'Rate this conversation',
  howDidWeDo: 'How did we do?',
  ratingScale: 'Rating from 1 (poor) to 5 (great)',
  of5: (n) => `${n} of 5`,
  comment: 'Comment',
  commentPlaceholder: 'Anything to add? (optional)',
  sendRating: 'Send rating',
  chooseRating: 'Choose a rating from 1 to 5.',
  thanks: 'Thank you for your rating!',
  ratingFailed: 'Your rating could not be sent. Please try again.',
  attach: 'Attach a photo or PDF',
  dropHere: 'Drop the file to send it',
  uploading: (p) => `Uploading… ${p} %`,
  download: 'Download',
  fileEmpty: 'The file is empty.',
  fileTooLarge: (m) => `The file is too large (at most ${Math.round(m * 10) / 10} MB).`,
  fileType: 'Only photos (JPEG, PNG, GIF, WebP) and PDF files can be sent.',
  uploadRefused: 'The file could not be sent.',
};

const nl: Messages = {
  lang: 'nl',
  duration: (s) => (s < 60 ? `${s} s` : `${Math.round(s / 60)} min`),
  answering: (name) => `Bericht ontvangen. ${name} antwoordt zo.`,
  queued: (n, wait) => `Bericht ontvangen. U bent nummer ${n} in de wachtrij${wait ? `; verwachte wachttijd ongeveer ${wait}` : ''}.`,
  slipping: (n, promise) =>
    `Het duurt langer dan de beloofde ${promise}: alle medewerkers zijn bezet en u bent ${n === 1 ? 'de volgende' : `nummer ${n}`}. We antwoorden zodra iemand vrij is.`,
  title: 'Chat met ons',
  connecting: 'Verbinden…',
  reconnecting: 'Opnieuw verbinden…',
  offline: 'Offline, we proberen het opnieuw…',
  yourMessage: 'Uw bericht',
  placeholder: 'Schrijf een bericht…',
  send: 'Verstuur',
  openChat: 'Chat openen',
  unread: (n) => `Chat openen, ${n} ${n === 1 ? 'nieuw bericht' : 'nieuwe berichten'}`,
  closeChat: 'Chat sluiten',
  ended: 'Deze chat is beëindigd. Schrijf hieronder om een nieuwe te beginnen.',
  messages: 'Berichten',
  notSent: 'Nog niet verstuurd, we proberen het opnieuw.',
  retry: 'Opnieuw',
  sending: 'Versturen…',
  sent: 'Afgeleverd',
  read: 'Gelezen',
  typeFirst: 'Typ eerst een bericht.',
  tooLong: (max) => `Het bericht is langer dan ${max} tekens.`,
  typing: (name) => `${name ?? 'Iemand'} typt…`,
  rateTitle: 'Beoordeel dit gesprek',
  howDidWeDo: 'Hoe hebben we het gedaan?',
  ratingScale: 'Beoordeling van 1 (slecht) tot 5 (uitstekend)',
  of5: (n) => `${n} van 5`,
  comment: 'Opmerking',
  commentPlaceholder: 'Nog iets toe te voegen? (optioneel)',
  sendRating: 'Beoordeling versturen',
  chooseRating: 'Kies een beoordeling van 1 tot 5.',
  thanks: 'Bedankt voor uw beoordeling!',
  ratingFailed: 'Uw beoordeling kon niet worden verstuurd. Probeer het opnieuw.',
  attach: 'Foto of pdf bijvoegen',
  dropHere: 'Laat het bestand los om het te versturen',
  uploading: (p) => `Uploaden… ${p} %`,
  download: 'Downloaden',
  fileEmpty: 'Het bestand is leeg.',
  fileTooLarge: (m) => `Het bestand is te groot (maximaal ${Math.round(m * 10) / 10} MB).`,
  fileType: 'Alleen foto\'s (JPEG, PNG, GIF, WebP) en pdf-bestanden kunnen worden verstuurd.',
  uploadRefused: 'Het bestand kon niet worden verstuurd.',
};

const de: Messages = {
  lang: 'de',
  duration: (s) => (s < 60 ? `${s} s` : `${Math.round(s / 60)} Min.`),
  answering: (name) => `Nachricht erhalten. ${name} antwortet Ihnen gleich.`,
  queued: (n, wait) => `Nachricht erhalten. Sie sind Nummer ${n} in der Warteschlange${wait ? `; erwartete Wartezeit etwa ${wait}` : ''}.`,
  slipping: (n, promise) =>
    `Es dauert länger als die versprochenen ${promise}: Alle Mitarbeitenden sind beschäftigt, Sie sind ${n === 1 ? 'als Nächstes dran' : `Nummer ${n}`}. Wir antworten, sobald jemand frei ist.`,
  title: 'Chatten Sie mit uns',
  connecting: 'Verbinden…',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  offline: 'Offline, neuer Versuch…',
  yourMessage: 'Ihre Nachricht',
  placeholder: 'Nachricht schreiben…',
  send: 'Senden',
  openChat: 'Chat öffnen',
  unread: (n) => `Chat öffnen, ${n} ${n === 1 ? 'neue Nachricht' : 'neue Nachrichten'}`,
  closeChat: 'Chat schließen',
  ended: 'Dieser Chat ist beendet. Schreiben Sie unten, um einen neuen zu beginnen.',
  messages: 'Nachrichten',
  notSent: 'Noch nicht gesendet, neuer Versuch.',
  retry: 'Erneut versuchen',
  sending: 'Wird gesendet…',
  sent: 'Zugestellt',
  read: 'Gelesen',
  typeFirst: 'Bitte zuerst eine Nachricht eingeben.',
  tooLong: (max) => `Die Nachricht ist länger als ${max} Zeichen.`,
  typing: (name) => `${name ?? 'Jemand'} schreibt…`,
  rateTitle: 'Dieses Gespräch bewerten',
  howDidWeDo: 'Wie waren wir?',
  ratingScale: 'Bewertung von 1 (schlecht) bis 5 (sehr gut)',
  of5: (n) => `${n} von 5`,
  comment: 'Kommentar',
  commentPlaceholder: 'Noch etwas hinzuzufügen? (optional)',
  sendRating: 'Bewertung senden',
  chooseRating: 'Wählen Sie eine Bewertung von 1 bis 5.',
  thanks: 'Vielen Dank für Ihre Bewertung!',
  ratingFailed: 'Ihre Bewertung konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
  attach: 'Foto oder PDF anhängen',
  dropHere: 'Datei hier ablegen, um sie zu senden',
  uploading: (p) => `Wird hochgeladen… ${p} %`,
  download: 'Herunterladen',
  fileEmpty: 'Die Datei ist leer.',
  fileTooLarge: (m) => `Die Datei ist zu groß (höchstens ${Math.round(m * 10) / 10} MB).`,
  fileType: 'Nur Fotos (JPEG, PNG, GIF, WebP) und PDF-Dateien können gesendet werden.',
  uploadRefused: 'Die Datei konnte nicht gesendet werden.',
};

const fr: Messages = {
  lang: 'fr',
  duration: (s) => (s < 60 ? `${s} s` : `${Math.round(s / 60)} min`),
  answering: (name) => `Message reçu. ${name} vous répond dans un instant.`,
  queued: (n, wait) => `Message reçu. Vous êtes numéro ${n} dans la file${wait ? ` ; attente estimée environ ${wait}` : ''}.`,
  slipping: (n, promise) =>
    `C'est plus long que les ${promise} promises : tous nos conseillers sont occupés et vous êtes ${n === 1 ? 'le prochain' : `numéro ${n}`}. Nous répondons dès que quelqu'un est libre.`,
  title: 'Discutez avec nous',
  connecting: 'Connexion…',
  reconnecting: 'Reconnexion…',
  offline: 'Hors ligne, nouvelle tentative…',
  yourMessage: 'Votre message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  openChat: 'Ouvrir le chat',
  unread: (n) => `Ouvrir le chat, ${n} ${n === 1 ? 'nouveau message' : 'nouveaux messages'}`,
  closeChat: 'Fermer le chat',
  ended: 'Cette discussion est terminée. Écrivez ci-dessous pour en commencer une nouvelle.',
  messages: 'Messages',
  notSent: 'Pas encore envoyé, nouvelle tentative.',
  retry: 'Réessayer',
  sending: 'Envoi…',
  sent: 'Remis',
  read: 'Lu',
  typeFirst: "Écrivez d'abord un message.",
  tooLong: (max) => `Le message dépasse ${max} caractères.`,
  typing: (name) => `${name ?? "Quelqu'un"} écrit…`,
  rateTitle: 'Évaluer cette conversation',
  howDidWeDo: "Comment s'est passé l'échange ?",
  ratingScale: 'Note de 1 (mauvais) à 5 (excellent)',
  of5: (n) => `${n} sur 5`,
  comment: 'Commentaire',
  commentPlaceholder: 'Quelque chose à ajouter ? (facultatif)',
  sendRating: 'Envoyer la note',
  chooseRating: 'Choisissez une note de 1 à 5.',
  thanks: 'Merci pour votre note !',
  ratingFailed: "Votre note n'a pas pu être envoyée. Veuillez réessayer.",
  attach: 'Joindre une photo ou un PDF',
  dropHere: 'Déposez le fichier pour l’envoyer',
  uploading: (p) => `Envoi… ${p} %`,
  download: 'Télécharger',
  fileEmpty: 'Le fichier est vide.',
  fileTooLarge: (m) => `Le fichier est trop volumineux (${Math.round(m * 10) / 10} Mo au maximum).`,
  fileType: 'Seules les photos (JPEG, PNG, GIF, WebP) et les fichiers PDF peuvent être envoyés.',
  uploadRefused: 'Le fichier n’a pas pu être envoyé.',
};

export const CATALOGUE: Record<string, Messages> = { en, nl, de, fr };

/** "nl-BE" → Dutch; unknown, empty or malformed → English. */
export function pickLanguage(requested: string | null | undefined): Messages {
  let text = String(requested ?? '');
  try {
    text = decodeURIComponent(text);
  } catch {
    // not URI-encoded after all
  }
  const primary = text.split(/[-_,;]/)[0]!.trim().toLowerCase();
  return CATALOGUE[primary] ?? en;
}

/** The chat's current words (set once by mount; English until then, e.g. in unit tests). */
export let t: Messages = en;

export function setLanguage(requested: string | null | undefined): Messages {
  t = pickLanguage(requested);
  return t;
}
