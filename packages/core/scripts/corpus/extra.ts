/**
 * A further batch of core sentences in both languages for the intents held-out evaluation showed to be
 * thin (general product questions, received-order problems, order changes, shop details, prices).
 */
import type { ClassId } from "./Blocks.ts"

export const extra: Readonly<Record<"en" | "fr", Readonly<Partial<Record<ClassId, ReadonlyArray<string>>>>>> =
  {
    en: {
      product_interest: [
        "[Can you|Could you|Would you] tell me [a bit|a little|] more about [your|the] {product}[s|]?",
        "[I'd love to know|I want to know|Curious to know] more about the {product}",
        "[Is|Would] the {product} [easy|simple] to [use|assemble|set up|clean]?",
        "[Is|Would] the {product} [warm|comfortable|sturdy|light] enough for [winter|everyday|hiking|the office]?",
        "[What|Which] [would you suggest|do you suggest|would you pick] for [a|my] [{name}|sister|dad|colleague] [who loves cooking|who travels a lot|who has everything]?",
        "[Do you|Does your shop] [sell|carry|have] [any|] {product}[s|]? [I can't find them|I couldn't find it on the site|]",
        "[How|How well] does the {product} [hold up|last|age] over time?",
        "[What's|What is] the {product} [like|made of|for]? [looks lovely|]",
        "[Is|Are] [the|your] {product}[s|] [good value|worth the money|high quality]?",
        "[Any|Do you have] [customer|] [reviews|photos from customers|feedback] [on|of] the {product}?",
        "[Would|Does] the {product} [make|suit] a [good|nice|lovely] [gift|present] [for|] [a teenager|my wife|a new mum|Christmas]?",
        "[What|Which] [is|'s] [better|best], the {product} or the {product}?",
      ],
      returns: [
        "[I|We] [received|got] [my|the] [order|parcel|package] [and|but] [the|one] {product} [is|was] [broken|smashed|cracked|missing]",
        "[Only|Just] [part|half|one item] of my order [arrived|came|was delivered]",
        "[The|My] {product} [broke|snapped|stopped working|came apart] [after|within] [two days|a week|a few uses]",
        "[The|My] [box|parcel] was [empty|crushed|torn open] [when it arrived|on delivery|]",
        "[I want|I'd like] to [send|ship] [back|] [the|my] {product} [for a refund|for an exchange|]",
        "[You|Your team] [sent|shipped] me the wrong [size|colour|color|product|item]",
      ],
      order_edits: [
        "[Can I|Could you] [replace|swap|exchange] the {product} in my [order|unshipped order] [with|for] [another one|the {color} one|a {size}]?",
        "[Is it|Is it still] possible to [change|switch] the [colour|color|size] [of|on] the {product} [in|on] my order?",
        "[I|I'd] [want|like] to [change|edit|update] [something|an item|the size] [in|on] my order [before you send it|before it goes out|]",
      ],
      store_info: [
        "[What time|When] [do you|does the shop|does your store] [close|open] [today|tonight|on Saturday|on weekdays]?",
        "[What's|What is] [your|the shop's] [Instagram|Facebook|TikTok] [account|page|handle]?",
        "[Where|Where exactly] [can I find|is] your [shop|store|boutique] [in town|in {city}|]?",
      ],
      pricing_discounts: [
        "[Any|Is there a|Do you offer a] [discount|deal|reduction] if I [buy|order|get] [two|three|several|more than one]?",
        "[The|My] [code|coupon|voucher] {code} [is|shows as|says] [invalid|expired|not valid]",
      ],
    },
    fr: {
      product_interest: [
        "[Pouvez-vous|Vous pouvez|Pourriez-vous] m'en dire [un peu|] plus sur [le|la|vos] {product} ?",
        "[J'aimerais|Je voudrais] en savoir plus sur [le|la] {product}",
        "[Le|La] {product} est[-il|-elle|] [facile|simple] à [utiliser|monter|installer|nettoyer] ?",
        "[Le|La] {product} est[-il|-elle|] assez [chaud|confortable|solide|léger] pour [l'hiver|tous les jours|la randonnée|le bureau] ?",
        "Vous me conseillez quoi pour [ma sœur|mon père|une collègue|{name}] qui [adore cuisiner|voyage beaucoup|a déjà tout] ?",
        "Vous [vendez|proposez|avez] des {product} ? [je n'en trouve pas sur le site|]",
        "[Le|La] {product} vieillit bien ? [ça dure|il tient] dans le temps ?",
        "[C'est comment|Comment est] [le|la] {product} [en vrai|à l'usage|niveau qualité] ?",
        "[Le|La] {product} [vaut son prix|est de bonne qualité|est rentable] ?",
        "[Vous avez|Il y a] des [avis|photos de clients|retours] sur [le|la] {product} ?",
        "[Le|La] {product} ferait un [bon|joli|beau] cadeau pour [une ado|ma femme|une jeune maman|Noël] ?",
        "[Lequel est le mieux|Qu'est-ce qui est mieux|Vous préférez], [le|la] {product} ou [le|la] {product} ?",
        "[Parlez-moi|Dites-m'en plus] [de|sur] [votre|vos|la] [gamme|collection|nouveautés] {products}",
      ],
      returns: [
        "J'ai reçu [ma commande|le colis] mais [le|la] {product} est [cassé|fêlé|abîmé|manquant]",
        "Je n'ai reçu qu'[une partie|la moitié|un seul article] de ma commande",
        "[Le|La] {product} s'est [cassé|abîmé|déchiré|arrêté de marcher] au bout de [deux jours|une semaine|quelques utilisations]",
        "Le [carton|colis|paquet] était [vide|écrasé|ouvert|déchiré] à la livraison",
        "[Le carton était écrasé|Le colis était abîmé] et [le|la] {product} à l'intérieur [est cassé|est fêlé|est abîmé]",
        "Je veux renvoyer [le|la] {product} [pour être remboursé|pour un échange|]",
        "Vous m'avez envoyé [la mauvaise taille|la mauvaise couleur|le mauvais produit|un autre article]",
        "Mon colis a été livré mais [il était vide|il manquait tout|ce n'était pas ma commande]",
      ],
      order_edits: [
        "Je peux [remplacer|échanger|changer] [le|la] {product} de ma commande par [un autre|le {color}|une taille {size}] ?",
        "Est-ce encore possible de changer [la couleur|la taille] [du|de la] {product} dans ma commande ?",
        "Je [veux|voudrais] [modifier|changer] [un article|la taille|quelque chose] dans ma commande [avant l'envoi|avant qu'elle parte|]",
      ],
      store_info: [
        "[À quelle heure|Quand] [fermez-vous|ouvrez-vous|ferme la boutique|ouvre le magasin] [aujourd'hui|ce soir|le samedi|en semaine] ?",
        "C'est quoi votre [compte Instagram|page Facebook|compte TikTok] ?",
        "Où [se trouve|est] votre [boutique|magasin] [en ville|à {city}|exactement] ?",
      ],
      pricing_discounts: [
        "[Une remise|Un prix|Une réduction] si [j'en achète|je prends|je commande] [deux|trois|plusieurs] ?",
        "Le code {code} [est indiqué|s'affiche comme|est] [invalide|expiré|non valable]",
        "[Combien coûte|Quel est le prix de|C'est combien] [le|la] {product} [en ce moment|actuellement|] ?",
      ],
    },
  }
