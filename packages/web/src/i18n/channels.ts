/**
 * English and French strings about channels: where a reply goes (said before sending), connecting channels,
 * noted attachments, original emails. @see R2, R18
 */
import { locale } from "./Locale.ts"

type Kind = "image" | "video" | "audio" | "file"
type Platform = "messenger" | "instagram" | "shop_app"

const platformName: Record<Platform, string> = {
  messenger: "Messenger",
  instagram: "Instagram",
  shop_app: "Shop",
}

const en = {
  attachment: (kind: Kind, name: string | null) =>
    `${{ image: "Image", video: "Video", audio: "Audio", file: "File" }[kind]}${name ? ` “${name}”` : ""} sent by the customer (not shown)`,
  attachmentSent: (kind: Kind) =>
    `${{ image: "Image", video: "Video", audio: "Audio", file: "File" }[kind]} sent by the shop`,
  originalEmail: "View the original email",
  trimmed: "Quoted text and signature hidden",
  destination: {
    label: "Where your reply goes",
    chat: "In the online store chat, live",
    held: "The customer left without an email: your reply waits in the chat for their return",
    email: (to: string) => `By email to ${to}`,
    captured: "saved on this computer (no email server connected)",
    openCaptured: "Open saved emails",
    platform: (p: Platform, from: string | null) => `On ${platformName[p]}${from ? `, from ${from}` : ""}`,
    response: "within 24 hours of the customer's message",
    humanAgent: (until: string) => `as a person's reply, possible until ${until}`,
    notConnected: (channel: string) => `${channel} is not connected, so the reply cannot leave.`,
    emailChannel: "Email",
    setUp: "Set up channels",
  },
  settings: {
    open: "Channels",
    title: "Channels",
    email: "Email",
    emailTransport: {
      smtp: "Replies are sent through your SMTP server.",
      api: "Replies are sent through your email API.",
      binding: "Replies are sent through Cloudflare Email.",
      capture: "No email server is connected: replies are saved on this computer.",
      off: "No email server is connected: replies by email cannot leave.",
    },
    address: (a: string) => `Your address: ${a} (customers' replies to it come back here)`,
    receiving: "Receiving email: on",
    notReceiving: "Receiving email: off (see the README, Connect email)",
    meta: "Messenger and Instagram",
    metaOff: "Not set up on this inbox: see the README, Connect Messenger and Instagram.",
    noAccount: "No page or account connected yet.",
    connect: "Connect",
    disconnect: "Disconnect",
    platform: "Platform",
    accountId: "Page ID or Instagram account ID",
    pageId: "Page ID that sends (for Instagram, the linked Page)",
    name: "Name shown to you",
    token: "Page access token",
    ownerOnly: "Only the shop owner can connect or disconnect a channel.",
    connected: (name: string) => `${name} is connected.`,
    customPlatform: "Custom platform (e.g. the Shop app)",
    customOn: "Replies are posted, signed, to your platform's URL.",
    customOff: "Not set up (INBOX_WEBHOOK_URL).",
    close: "Close",
  },
}

const frPlatformName = platformName

const fr: typeof en = {
  attachment: (kind: Kind, name: string | null) =>
    `${{ image: "Image", video: "Vidéo", audio: "Audio", file: "Fichier" }[kind]}${name ? ` « ${name} »` : ""} envoyé par le client (non affiché)`,
  attachmentSent: (kind: Kind) =>
    `${{ image: "Image", video: "Vidéo", audio: "Audio", file: "Fichier" }[kind]} envoyé par la boutique`,
  originalEmail: "Voir l’e-mail d’origine",
  trimmed: "Texte cité et signature masqués",
  destination: {
    label: "Où part votre réponse",
    chat: "Dans le chat de la boutique en ligne, en direct",
    held: "Le client est parti sans e-mail : votre réponse l’attend dans le chat",
    email: (to: string) => `Par e-mail à ${to}`,
    captured: "enregistrée sur cet ordinateur (aucun serveur d’e-mail connecté)",
    openCaptured: "Ouvrir les e-mails enregistrés",
    platform: (p: Platform, from: string | null) =>
      `Sur ${frPlatformName[p]}${from ? `, depuis ${from}` : ""}`,
    response: "dans les 24 heures suivant le message du client",
    humanAgent: (until: string) => `en réponse d’une personne, possible jusqu’au ${until}`,
    notConnected: (channel: string) => `${channel} n’est pas connecté : la réponse ne peut pas partir.`,
    emailChannel: "L’e-mail",
    setUp: "Configurer les canaux",
  },
  settings: {
    open: "Canaux",
    title: "Canaux",
    email: "E-mail",
    emailTransport: {
      smtp: "Les réponses partent par votre serveur SMTP.",
      api: "Les réponses partent par votre API d’e-mail.",
      binding: "Les réponses partent par Cloudflare Email.",
      capture: "Aucun serveur d’e-mail connecté : les réponses sont enregistrées sur cet ordinateur.",
      off: "Aucun serveur d’e-mail connecté : les réponses par e-mail ne peuvent pas partir.",
    },
    address: (a: string) => `Votre adresse : ${a} (les réponses des clients y reviennent ici)`,
    receiving: "Réception des e-mails : activée",
    notReceiving: "Réception des e-mails : désactivée (voir le README, Connect email)",
    meta: "Messenger et Instagram",
    metaOff: "Non configuré sur cette messagerie : voir le README, Connect Messenger and Instagram.",
    noAccount: "Aucune page ni aucun compte connecté pour l’instant.",
    connect: "Connecter",
    disconnect: "Déconnecter",
    platform: "Plateforme",
    accountId: "ID de la page ou du compte Instagram",
    pageId: "ID de la page qui envoie (pour Instagram, la page liée)",
    name: "Nom affiché pour vous",
    token: "Jeton d’accès de la page",
    ownerOnly: "Seul le propriétaire de la boutique peut connecter ou déconnecter un canal.",
    connected: (name: string) => `${name} est connecté.`,
    customPlatform: "Plateforme personnalisée (par ex. l’application Shop)",
    customOn: "Les réponses sont envoyées, signées, à l’adresse de votre plateforme.",
    customOff: "Non configurée (INBOX_WEBHOOK_URL).",
    close: "Fermer",
  },
}

export const channels = (): typeof en => (locale() === "fr" ? fr : en)
