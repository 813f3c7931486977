/** English and French strings about channels: where a reply goes, noted attachments, original emails. @see R2, R18 */
import { locale } from "./Locale.ts"

type Kind = "image" | "video" | "audio" | "file"

const en = {
  attachment: (kind: Kind, name: string | null) =>
    `${{ image: "Image", video: "Video", audio: "Audio", file: "File" }[kind]}${name ? ` “${name}”` : ""} sent by the customer (not shown)`,
  attachmentSent: (kind: Kind) =>
    `${{ image: "Image", video: "Video", audio: "Audio", file: "File" }[kind]} sent by the shop`,
  originalEmail: "View the original email",
  trimmed: "Quoted text and signature hidden",
}

const fr: typeof en = {
  attachment: (kind: Kind, name: string | null) =>
    `${{ image: "Image", video: "Vidéo", audio: "Audio", file: "Fichier" }[kind]}${name ? ` « ${name} »` : ""} envoyé par le client (non affiché)`,
  attachmentSent: (kind: Kind) =>
    `${{ image: "Image", video: "Vidéo", audio: "Audio", file: "Fichier" }[kind]} envoyé par la boutique`,
  originalEmail: "Voir l’e-mail d’origine",
  trimmed: "Texte cité et signature masqués",
}

export const channels = (): typeof en => (locale() === "fr" ? fr : en)
