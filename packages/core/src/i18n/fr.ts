/** Chaînes en français. */
import type { Actor, Messages } from "./Messages.ts"

const discountReason: Record<string, string> = {
  not_started: "n’a pas encore commencé",
  expired: "a expiré",
  disabled: "est désactivé",
  usage_limit: "a atteint sa limite d’utilisation",
}

/** "Vous avez fermé…" / "Camille a fermé…": the verb agrees with its subject. */
const did = (a: Actor, participle: string) =>
  a._tag === "you" ? `Vous avez ${participle}` : `${a.name} a ${participle}`

/** Assignment reads differently when it concerns the reader or the actor themself. */
const assigned = (assignee: Actor, by: Actor) => {
  if (by._tag === "you")
    return assignee._tag === "you"
      ? "Vous vous êtes assigné la conversation"
      : `Vous avez assigné la conversation à ${assignee.name}`
  if (assignee._tag === "you") return `${by.name} vous a assigné la conversation`
  return assignee.name === by.name
    ? `${by.name} s’est assigné la conversation`
    : `${by.name} a assigné la conversation à ${assignee.name}`
}

export const fr: Messages = {
  topics: {
    checkout: "Paiement",
    order_edits: "Modifier les commandes",
    order_status: "Statut de la commande",
    pricing_discounts: "Tarification/Réductions",
    product_details: "Détails des produits",
    product_interest: "Intérêt pour le produit",
    returns: "Retours/Commandes livrées",
    shipping: "Expédition",
    store_info: "Informations de la boutique",
    wholesale: "Vente en gros",
  },
  cart: {
    addedNamed: (t) => `Le client a ajouté ${t} au panier`,
    removedNamed: (t) => `Le client a retiré ${t} du panier`,
    addedUnnamed: "Le client a ajouté un produit au panier",
    removedUnnamed: "Le client a retiré un produit du panier",
  },
  presence: {
    online: "En ligne",
    offlineEmail: (email) => `Votre réponse sera envoyée à ${email}`,
    offlineNoEmail: "Le client est parti sans laisser d’e-mail : il verra votre réponse à son retour",
  },
  status: { open: "Ouverte", closed: "Fermée" },
  platforms: {
    online_store_chat: "Chat de la boutique en ligne",
    email: "E-mail",
    shop_app: "Shop",
    messenger: "Messenger",
    instagram: "Instagram",
  },
  route: {
    chat: "Envoyée dans le chat",
    email: (to) => `Envoyée par e-mail à ${to}`,
    held: "En attente dans le chat jusqu’au retour du client",
    platform: (name) => `Envoyée via ${name}`,
  },
  profile: {
    returning: "Client fidèle",
    new: "Nouveau client",
    emailSubscriber: "Abonné aux e-mails",
    smsSubscriber: "Abonné aux SMS",
    orderStatus: {
      pending: "Paiement en attente",
      paid: "Payée",
      fulfilled: "Traitée",
      cancelled: "Annulée",
      refunded: "Remboursée",
    },
  },
  notices: {
    started: (platform) =>
      `Le client a commencé la conversation ${
        {
          online_store_chat: "dans le chat de la boutique en ligne",
          email: "par e-mail",
          shop_app: "dans l’application Shop",
          messenger: "sur Messenger",
          instagram: "sur Instagram",
        }[platform]
      }`,
    closed: (by) => `${did(by, "fermé")} la conversation`,
    reopened: (by) => `${did(by, "rouvert")} la conversation`,
    reopenedByCustomer: "Le client a rouvert la conversation en envoyant un nouveau message",
    assigned,
    unassigned: (by) => `${did(by, "retiré")} l’assignation de la conversation`,
    customerOnline: "Le client est de retour sur la boutique",
    discountApplied: (code) => `Le client a appliqué le code de réduction ${code} à son panier`,
    sentOutsideInbox: (platform) => `Envoyé depuis ${platform}, hors de la messagerie`,
    blocked: (by) => `${did(by, "bloqué")} ce client`,
    unblocked: (by) => `${did(by, "débloqué")} ce client`,
    someone: "Un membre de l’équipe",
  },
  push: {
    newConversation: (c) => `Nouvelle conversation avec ${c}`,
    newMessage: (c) => `Nouveau message de ${c}`,
    assignedToYou: (c) => `La conversation avec ${c} vous a été assignée`,
    assignedBy: (by) => `${by} vous l’a assignée`,
  },
  deliveryFailure: {
    email_not_configured: () =>
      "Aucun serveur d’e-mail n’est connecté : les réponses par e-mail ne peuvent pas partir.",
    no_email_address: () => "Le client n’a donné aucune adresse e-mail.",
    email_address_invalid: () => "L’adresse e-mail du client n’est pas valide.",
    email_rejected: (d) => `Le serveur d’e-mail a refusé la réponse (${d}).`,
    email_bounced: (d) => `Le serveur de messagerie du client a refusé l’e-mail (${d}).`,
    webhook_not_configured: () => "Ce canal n’est pas connecté : la réponse ne peut pas partir.",
    webhook_unreachable: (d) => `Le canal est injoignable (${d}).`,
    webhook_rejected: (d) => `Le canal a refusé la réponse (HTTP ${d}).`,
    store_unavailable: () =>
      "Le stockage de la boîte de réception était indisponible ; la réponse sera renvoyée.",
    platform_not_connected: (d) =>
      `${d === "instagram" ? "Instagram" : "Messenger"} n'est pas connecté : connectez-le dans Canaux.`,
    no_platform_identity: () => "Ce client n'a pas d'identité Messenger ou Instagram à qui répondre.",
    outside_messaging_window: (d) =>
      `La fenêtre de messagerie de Meta est fermée : le client doit réécrire (${d}).`,
    meta_token_invalid: (d) => `Le jeton d'accès de la page n'est plus valide : reconnectez la page (${d}).`,
    meta_permission_missing: (d) =>
      `L'application Meta n'a pas une autorisation pour cette page (examen de l'application) (${d}).`,
    meta_recipient_unavailable: () =>
      "Cette personne n'est pas joignable sur Messenger ou Instagram pour le moment.",
    meta_refused: (d) => `Meta a refusé le message (${d}).`,
    meta_rate_limited: () => "La limite de débit de Meta est atteinte ; la réponse sera renvoyée.",
    meta_unreachable: (d) => `Meta est injoignable (${d}).`,
    image_needs_public_url: () =>
      "Les images sur Messenger et Instagram demandent INBOX_PUBLIC_URL, l'adresse publique de la messagerie, pour que Meta les récupère.",
    unknown: (d) => d,
  },
  errors: {
    Unknown: () => "Une erreur s’est produite.",
    InvalidRequest: () => "La requête n’est pas valide.",
    ConversationNotFound: () => "Cette conversation n’existe pas.",
    ConversationAlreadyStarted: () => "Cette conversation a déjà commencé.",
    CustomerEmailRequired: () => "Une adresse e-mail est requise pour cette conversation.",
    CustomerCannotSendImages: () => "Les clients ne peuvent pas envoyer d’images.",
    MessageEmpty: () => "Écrivez un message avant d’envoyer.",
    MessageTooLong: (d) => `Le message est trop long (${d.length} caractères, ${d.max} au maximum).`,
    TooManyProducts: (d) =>
      `Vous pouvez partager au plus ${d.max} produits à la fois (vous en avez choisi ${d.count}).`,
    ProductNotShareable: (d) =>
      `« ${d.title} » n’est pas disponible sur la boutique en ligne et ne peut pas être partagé. Publiez-le d’abord dans votre interface administrateur.`,
    StaffLacksChatPermission: () => "Vous avez besoin de l’autorisation de chat de la boutique en ligne.",
    AssigneeLacksChatPermission: () =>
      "Ce membre du personnel n’a pas l’autorisation de chat de la boutique en ligne et ne peut pas être assigné.",
    StaffNotInShop: () => "Ce membre du personnel n’appartient pas à cette boutique.",
    CartItemNotInCart: () => "Cet article n’est pas dans le panier.",
    CartItemOutOfStock: (d) =>
      d.available === 0
        ? "Cet article est épuisé."
        : `Il ne reste que ${d.available} exemplaires de cet article.`,
    CartLineTooLarge: (d) => `Un panier peut contenir au plus ${d.max} exemplaires d’un même article.`,
    CartFull: (d) => `Un panier peut contenir au plus ${d.max} articles différents.`,
    CartCurrencyMismatch: (d) => `Le panier est en ${d.expected}, pas en ${d.actual}.`,
    DiscountInactive: (d) =>
      `Le code de réduction ${d.code} ${discountReason[String(d.reason)] ?? "n’est pas actif"}. Mettez-le à jour dans l’administration de votre boutique pour le partager.`,
    DiscountNotFound: (d) => `Aucun code de réduction ${d.code} n’existe dans cette boutique.`,
    DiscountNotShared: (d) => `Le code ${d.code} n’a pas été partagé dans ce chat.`,
    SavedReplyShortcutInvalid: () =>
      "Un raccourci compte de 1 à 32 lettres minuscules, chiffres, tirets ou soulignés (sans espace).",
    SavedReplyShortcutTaken: (d) => `Une autre réponse enregistrée utilise déjà le raccourci /${d.shortcut}.`,
    SavedReplyEmpty: () =>
      "Une réponse enregistrée a besoin d’un texte, d’un produit ou d’un code de réduction.",
    SavedReplyTooLong: (d) =>
      `La réponse enregistrée est trop longue (${d.length} caractères, ${d.max} au plus).`,
    SavedReplyNotFound: () => "Cette réponse enregistrée n’existe pas.",
    TimeZoneUnknown: (d) => `Le fuseau horaire ${d.timeZone} est inconnu.`,
    ReplyNotRetryable: () => "Seule une réponse dont l’envoi a échoué peut être renvoyée.",
    OutsideMessagingWindow: (d) => {
      const platform = d.platform === "instagram" ? "Instagram" : "Messenger"
      if (d.reason === "no_customer_message")
        return `${platform} ne permet à une boutique de répondre qu’à un client qui a écrit le premier.`
      if (d.reason === "automatic_after_24h")
        return `${platform} n’accepte les réponses automatiques que dans les 24 heures suivant le dernier message du client.`
      return `Plus de 7 jours se sont écoulés depuis le dernier message du client : ${platform} n’accepte plus de réponse tant qu’il n’a pas réécrit.`
    },
    ReplyNotFound: () => "Cette réponse n’existe pas.",
    CustomerNoteRejected: (d) => `La boutique n’a pas enregistré la note : ${d.storeMessage}`,
    CommerceUnavailable: (d) =>
      d.reason === "unauthorized"
        ? "La boutique n’accepte plus l’accès de la messagerie. Reconnectez-la dans Réglages → Connexion à la boutique."
        : d.reason === "throttled"
          ? "La boutique est occupée pour le moment. Réessayez dans un instant."
          : "La boutique n’a pas répondu. Réessayez dans un instant.",
    OriginNotAllowed: (d) =>
      d.origin
        ? `Le chat n’est pas activé sur ${d.origin}. La boutique peut ajouter cette adresse dans les réglages de sa messagerie.`
        : "Le chat ne peut être ouvert que depuis le site de la boutique.",
    OriginInvalid: (d) =>
      `${d.origin} n’est pas une adresse de site (par exemple https://boutique.example.com).`,
    TooManyOrigins: (d) => `${d.max} adresses de site au plus peuvent être listées (${d.count} données).`,
    IdentitySignatureInvalid: () =>
      "La signature du client connecté ne correspond pas. Le chat ne peut pas confirmer qui vous êtes.",
    IdentityVerificationOff: () =>
      "Cette boutique ne vérifie pas encore les clients connectés : il lui faut une clé d’identité dans les réglages de sa messagerie.",
  },
}
