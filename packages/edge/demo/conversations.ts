/** The demo's conversations as scripts of steps, on every platform, run through the real store by the seed. */
import type { Topic } from "@inbox/core"

/** A message of the script: who says what, minutes after the conversation started. */
type Step =
  | { readonly at: number; readonly customer: string; readonly topic?: Topic.TopicId; readonly id?: string }
  | {
      readonly at: number
      readonly reply: string
      readonly staff: string
      readonly products?: ReadonlyArray<string>
      readonly discount?: string
    }
  | { readonly at: number; readonly add: string; readonly quantity?: number }
  | { readonly at: number; readonly remove: string; readonly quantity?: number }
  | { readonly at: number; readonly status: "open" | "closed"; readonly staff: string }
  | { readonly at: number; readonly assign: string; readonly staff: string }
  | { readonly at: number; readonly read: string }
  | { readonly at: number; readonly online: boolean }
  | { readonly at: number; readonly apply: string }

interface SeedConversation {
  readonly id: string
  readonly customerId: string
  readonly platform: "online_store_chat" | "email" | "shop_app" | "messenger" | "instagram"
  readonly email: string | null
  /** Hours before now the conversation started. */
  readonly hoursAgo: number
  readonly steps: ReadonlyArray<Step>
}

export const conversationsScript: ReadonlyArray<SeedConversation> = [
  {
    id: "conv_sophie",
    customerId: "cus_sophie",
    platform: "online_store_chat",
    email: "sophie.laurent@example.fr",
    hoursAgo: 3,
    steps: [
      {
        at: 0,
        customer: "Bonjour ! Où en est ma commande #1042 ? Je ne l'ai toujours pas reçue.",
        topic: "order_status",
      },
      { at: 2, assign: "stf_camille", staff: "stf_owner" },
      {
        at: 4,
        reply: "Bonjour Sophie, votre commande #1042 est partie hier : vous la recevrez demain.",
        staff: "stf_camille",
      },
      { at: 6, add: "var_candle_std" },
      { at: 7, add: "var_soap_box" },
      {
        at: 9,
        customer: "Merci ! J'ajoute une bougie, est-ce que je peux avoir un code promo ?",
        topic: "pricing_discounts",
      },
      { at: 10, online: false },
    ],
  },
  {
    id: "conv_james",
    customerId: "cus_james",
    platform: "email",
    email: "james.whitfield@example.co.uk",
    hoursAgo: 50,
    steps: [
      {
        at: 0,
        customer: "Hello, the wool throw I received has a pulled thread. Can I return it for a refund?",
        topic: "returns",
      },
      {
        at: 30,
        reply:
          "Sorry about that, James. I've emailed you a prepaid return label; the refund follows on receipt.",
        staff: "stf_owner",
      },
      { at: 45, customer: "Got it, thank you for the quick help." },
      { at: 60, status: "closed", staff: "stf_owner" },
    ],
  },
  {
    id: "conv_aiko",
    customerId: "cus_aiko",
    platform: "online_store_chat",
    email: "aiko.tanaka@example.jp",
    hoursAgo: 1,
    steps: [
      { at: 0, add: "var_throw_std" },
      {
        at: 1,
        customer: "Hi! What are the exact dimensions and weight of the wool throw? Is it available in grey?",
        topic: "product_details",
      },
      { at: 3, add: "var_shirt_m", quantity: 2 },
      { at: 4, remove: "var_throw_std" },
    ],
  },
  {
    id: "conv_maria",
    customerId: "cus_maria",
    platform: "shop_app",
    email: "maria.gonzalez@example.es",
    hoursAgo: 26,
    steps: [
      {
        at: 0,
        customer: "Hola, do you have a discount code for a second order?",
        topic: "pricing_discounts",
      },
      {
        at: 20,
        reply: "Of course! Here is a code for 10% off your next order.",
        staff: "stf_camille",
        discount: "WELCOME10",
      },
      { at: 40, customer: "Perfect, gracias!" },
      { at: 41, read: "stf_camille" },
    ],
  },
  {
    id: "conv_liam",
    customerId: "cus_liam",
    platform: "messenger",
    email: null,
    hoursAgo: 8,
    steps: [
      {
        at: 0,
        customer: "How much is shipping to Ireland, and can I pick up in store instead?",
        topic: "shipping",
      },
      {
        at: 15,
        reply: "Shipping to Ireland is €6.90, free over €80. In-store pickup in Paris is free.",
        staff: "stf_ines",
      },
    ],
  },
  {
    id: "conv_emily",
    customerId: "cus_emily",
    platform: "instagram",
    email: null,
    hoursAgo: 20,
    steps: [
      {
        at: 0,
        customer: "Hi! I'm an interior designer: do you offer wholesale pricing for 40 carafes?",
        topic: "wholesale",
      },
      { at: 5, assign: "stf_owner", staff: "stf_owner" },
    ],
  },
  {
    id: "conv_lucas",
    customerId: "cus_lucas",
    platform: "online_store_chat",
    email: null,
    hoursAgo: 5,
    steps: [
      {
        at: 0,
        customer: "Is the oak board food safe? Can it go in the dishwasher?",
        topic: "product_interest",
      },
      { at: 2, online: false },
      {
        at: 12,
        reply: "Yes, it is finished with food-safe oil; please hand wash it only.",
        staff: "stf_camille",
      },
    ],
  },
  {
    // An earlier, closed conversation of the same customer: notes live on the customer (R21), so both show them.
    id: "conv_lucas_earlier",
    customerId: "cus_lucas",
    platform: "shop_app",
    email: null,
    hoursAgo: 24 * 9,
    steps: [
      {
        at: 0,
        customer: "Do you make the oak board in a larger size, around 50 cm?",
        topic: "product_details",
      },
      {
        at: 15,
        reply: "Not yet, Lucas: the largest is 40 cm. We will tell you if that changes.",
        staff: "stf_camille",
      },
      { at: 20, status: "closed", staff: "stf_camille" },
    ],
  },
  {
    id: "conv_chloe",
    customerId: "cus_chloe",
    platform: "online_store_chat",
    email: "chloe.petit@example.fr",
    hoursAgo: 2,
    steps: [
      { at: 0, add: "var_cup_white", quantity: 4 },
      { at: 1, add: "var_cup_sand", quantity: 2 },
      { at: 2, add: "var_apron" },
      { at: 3, add: "var_keyring" },
      {
        at: 4,
        customer: "Mon paiement par carte est refusé au moment de valider la commande, que faire ?",
        topic: "checkout",
      },
    ],
  },
  {
    id: "conv_noah",
    customerId: "cus_noah",
    platform: "email",
    email: "noah.schmidt@example.de",
    hoursAgo: 70,
    steps: [
      {
        at: 0,
        customer: "Please cancel my order #1045, I ordered the wrong apron colour.",
        topic: "order_edits",
      },
      { at: 10, assign: "stf_owner", staff: "stf_owner" },
      { at: 20, reply: "Done, Noah: order #1045 is cancelled and refunded.", staff: "stf_owner" },
      { at: 30, status: "closed", staff: "stf_owner" },
      {
        at: 60 * 40,
        customer: "Sorry, one more thing: can I change the address on my other order?",
        topic: "order_edits",
      },
    ],
  },
  {
    id: "conv_olivia",
    customerId: "cus_olivia",
    platform: "shop_app",
    email: "olivia.brown@example.com.au",
    hoursAgo: 30,
    steps: [
      {
        at: 0,
        customer: "I love your ceramics! What else would go well with the espresso cups?",
        topic: "product_interest",
      },
      {
        at: 25,
        reply: "Thank you! These two pair beautifully with the cups:",
        staff: "stf_ines",
        products: ["prd_oak_board", "prd_carafe"],
      },
      { at: 26, read: "stf_owner" },
    ],
  },
  {
    id: "conv_hugo",
    customerId: "cus_hugo",
    platform: "instagram",
    email: null,
    hoursAgo: 0.5,
    steps: [
      {
        at: 0,
        customer: "Salut ! Quels sont vos horaires d'ouverture de la boutique à Paris ?",
        topic: "store_info",
      },
    ],
  },
  {
    id: "conv_ana",
    customerId: "cus_ana",
    platform: "online_store_chat",
    email: null,
    hoursAgo: 12,
    steps: [
      { at: 0, customer: "Do you restock the linen shirt in size L soon?", topic: "product_interest" },
      {
        at: 3,
        reply: "Yes, size L is back next week. Here is a code for your first order.",
        staff: "stf_owner",
        discount: "BIENVENUE15",
      },
      { at: 4, add: "var_shirt_s" },
      { at: 5, apply: "BIENVENUE15" },
      { at: 6, customer: "Thanks, the code worked 😊", topic: "pricing_discounts" },
      { at: 8, online: false },
    ],
  },
]
