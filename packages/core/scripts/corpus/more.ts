/**
 * A second extra batch of core sentences, for the topics the held-out figures showed weakest
 * (received-order problems, prices and codes, general product questions, payments, wholesale, status).
 */
import type { ClassId } from "./Blocks.ts"

export const more: Readonly<Record<"en" | "fr", Readonly<Partial<Record<ClassId, ReadonlyArray<string>>>>>> =
  {
    en: {
      product_interest: [
        "[Hi,|] [I'm|I am] [thinking of|considering|planning on] [buying|getting|ordering] the {product}[, is it any good?|, what do you think?|. Any advice?]",
        "[What can you tell me|Can you say more|Anything you can tell me] about the {product}?",
        "[How|What] [does|do] the {product} [feel|look|smell] [like|] in [person|real life|daily use]?",
        "[Is|Would] the {product} [a good fit|right|suitable] for [someone|a person] who [runs a lot|has a small flat|works from home|loves tea]?",
        "[I'm|I am] [hunting|looking|searching] for [something|a gift|an idea] [for|to give] [my mum|my partner|a friend], [any ideas|what do you have|could the {product} work]?",
        "[Are|Is] [the|your] {product}[s|] [made|produced] [sustainably|ethically|locally|in small batches]?",
        "[Does|Do] the {product} [need|require] [batteries|assembly|special care|charging]?",
        "[I'm|Im] [curious|wondering] [about|whether] the {product} [is any good|would suit me|is popular]",
      ],
      wholesale: [
        "[We|I] [manage|own|operate] [a|two|several] [shops|boutiques|stores|cafés] and [would love|want|hope] to [sell|stock|offer] your {products} [to our customers|]",
        "[Could|Can] you [supply|provide] [our|my] [store|shop|business] with {qty} {products} [every month|each season|regularly]?",
        "[What|Which] [price|rate|discount] [would|could] you [give|offer] [a|for a] [retailer|shop|business] [ordering|buying] {qty} [units|pieces|items]?",
        "[I'm|We're] [sourcing|looking for] [suppliers|makers|brands] [for|to stock in] [our|my] [shop|boutique|online store]",
        "[Trade|Wholesale|Reseller] [enquiry|inquiry|question]: [do you|can you] [sell|supply] [to shops|in bulk|to retailers]?",
      ],
      order_status: [
        "[I|We] [placed|made] an order [{day}|a while ago|last week] [and|but] [haven't heard back|got no update|nothing has happened]",
        "[Could|Can] you [tell me|let me know] [when|if] [my|the] order [{order}|] [will|has] [ship|shipped|go out|left]?",
        "[My|The] [order|parcel] [hasn't moved|is stuck|hasn't been updated] [for|in] [days|a week|ages]",
        "[Has|Did] [my|the] [payment|order] [come|go] through [ok|properly|fine]? [I didn't get a confirmation|no email yet|]",
      ],
      returns: [
        "[The|My] {product} [I|we] [received|got] [has|had] [a crack|a scratch|a stain|a tear|a broken part]",
        "[It|The {product}] [arrived|came] [in|with] [bad condition|a defect|damage] [and I want|so I'd like] [a refund|to return it|a replacement]",
        "[I|We] [never|didn't] [got|get|receive] [one of the items|the {product}|part of the order] [in|from] [my|the] [parcel|delivery]",
        "[How|What] do I [get|do to get] [my money back|a refund] [for|on] [a|the] [faulty|damaged|wrong] {product}?",
      ],
      pricing_discounts: [
        "[Is|Are] there [any|] [offers|deals|discounts|promotions] [on|for] the {product}[ at the moment| this week|]?",
        "[Can|Could] you [send|give] me a [discount|promo|coupon] code[ please| for my first order|]?",
        "[Why|How come] [doesn't|won't] [my|the] [code|coupon|discount] [work|apply] [on|for] the {product}?",
      ],
      checkout: [
        "[I|We] [can't|cannot|couldn't] [get|make] [the|my] payment [to work|to go through] [on|for] the {product}",
        "[Is|Are] [{pay}|paying with {pay}|payment by {pay}] [possible|available|an option] [on your site|at your checkout|here]?",
      ],
    },
    fr: {
      returns: [
        "[Le|La] {product} reçu[e|] [a|présente] [une fissure|une rayure|une tache|un accroc|une pièce cassée]",
        "[Il|Le {product}] est arrivé [en mauvais état|avec un défaut|endommagé], je [veux|voudrais] [être remboursé|le retourner|un remplacement]",
        "Je n'ai [jamais|pas] reçu [un des articles|le {product}|une partie de la commande] dans [mon|le] colis",
        "Comment [être remboursé|récupérer mon argent] pour [un|le] {product} [défectueux|abîmé|qui ne correspond pas] ?",
        "[Le|La] {product} [que j'ai reçu|livré] [ne correspond pas|n'est pas conforme] à [ma commande|la photo|la description]",
        "[Problème|Souci] avec [ma commande reçue|le colis reçu|l'article reçu] : [il est cassé|il manque un article|ce n'est pas le bon]",
        "[Je souhaite|Je voudrais] [faire un retour|renvoyer un article|retourner ma commande] [reçu|reçue] [la semaine dernière|{day}|hier]",
        "Mon remboursement [n'est toujours pas arrivé|n'apparaît pas sur mon compte|tarde] [après le retour|depuis mon renvoi|]",
      ],
      pricing_discounts: [
        "[Y a-t-il|Vous avez|Il y a] des [offres|promos|réductions] sur [le|la] {product} [en ce moment|cette semaine|] ?",
        "[Pouvez-vous|Vous pouvez] m'envoyer un code [promo|de réduction] [svp|pour ma première commande|] ?",
        "Pourquoi [mon|le] [code|bon] ne [marche|s'applique] pas sur [le|la] {product} ?",
        "[Le prix|Le tarif] [du|de la] {product} [a changé|n'est plus le même|est plus cher] [depuis hier|qu'avant|]",
        "[Quand|À quelle date] [commencent|démarrent] [les soldes|les promos|le Black Friday] [chez vous|] ?",
        "[J'ai|Je possède] un code [de|] [parrainage|fidélité|anniversaire], comment [l'utiliser|en profiter] ?",
      ],
      product_interest: [
        "Je [pense|songe] à [acheter|prendre|commander] [le|la] {product}[, il est bien ?|, vous en pensez quoi ?|. Un avis ?]",
        "Qu'est-ce que vous pouvez me dire sur [le|la] {product} ?",
        "[Le|La] {product} est [agréable|pratique|beau] [au toucher|au quotidien|en vrai] ?",
        "[Le|La] {product} conviendrait à quelqu'un qui [court beaucoup|a un petit appart|télétravaille|adore le thé] ?",
        "Je cherche [une idée|un cadeau|quelque chose] pour [ma mère|mon conjoint|une amie], [vous avez des idées|qu'est-ce que vous proposez|le {product} irait ?]",
        "Vos {products} sont-ils fabriqués [de façon éthique|localement|en petites séries|de manière durable] ?",
        "[Le|La] {product} [nécessite|a besoin] [de piles|d'un montage|d'un entretien particulier|d'être rechargé] ?",
        "Je me demande si [le|la] {product} [est bien|me conviendrait|plaît à vos clients]",
      ],
      checkout: [
        "Je n'arrive pas à [faire passer|valider] le paiement pour [le|la] {product}",
        "[Le paiement par|Payer avec] {pay}, c'est [possible|proposé|disponible] sur votre site ?",
        "[Au moment de|Quand je veux] payer, [le site|la page] [me renvoie au panier|se recharge|se fige]",
        "Je [voudrais|souhaite] [acheter|commander] [plusieurs articles|le {product}] [mais|et] je [ne sais pas comment payer|n'ai pas de carte bancaire]",
        "[Ma banque|Le site] [bloque|refuse] [le paiement|la transaction] [pour|de] {money}",
      ],
      order_status: [
        "J'ai passé commande [{day}|il y a un moment|la semaine dernière] et [je n'ai aucune nouvelle|rien ne bouge|pas de mail]",
        "Vous pouvez me dire [quand|si] ma commande [{order}|] [part|est partie|sera expédiée] ?",
        "Mon [colis|paquet] [ne bouge plus|est bloqué|n'est pas mis à jour] depuis [des jours|une semaine|longtemps]",
      ],
    },
  }
