/**
 * The demo shop "Maison Lumière" (id `demo`, EUR): catalogue, codes, staff, customers, orders, and a dozen
 * conversations on every platform, written by running real core commands through the store so every
 * projection (inbox rows, cursors, carts, outbox) is exactly what live traffic would leave.
 */
import { type Command, type Discount, Ids, type Staff, Topic, TopicClassifier } from "@inbox/core"
import { sql } from "drizzle-orm"
import { Clock, Effect } from "effect"
import { hashPassword } from "../auth/Password.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Database, type Db } from "./Database.ts"
import * as t from "./schema.ts"

export const DEMO_SHOP = "demo"
export const DEMO_PASSWORD = "inbox-demo"
const HOUR = 3_600_000
const DAY = 24 * HOUR
const MIN = 60_000

/** Every table, children first, so a re-seed can wipe without tripping foreign keys. */
const ALL_TABLES = [
  t.idempotencyKeys,
  t.outbox,
  t.cartLines,
  t.carts,
  t.readCursors,
  t.inboxRows,
  t.conversationEvents,
  t.conversations,
  t.images,
  t.orders,
  t.discountCodes,
  t.variants,
  t.products,
  t.customers,
  t.staff,
  t.shops,
] as const

export const isEmpty = (db: Db): Promise<boolean> =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(t.shops)
    .then((r) => (r[0]?.n ?? 0) === 0)

export const wipe = async (db: Db): Promise<void> => {
  for (const table of ALL_TABLES) await db.delete(table)
}

const staffRows = [
  { id: "stf_owner", email: "owner@demo.shop", name: "Élise Martin", isOwner: true, chatPermission: true },
  {
    id: "stf_camille",
    email: "camille@demo.shop",
    name: "Camille Dubois",
    isOwner: false,
    chatPermission: true,
  },
  { id: "stf_ines", email: "ines@demo.shop", name: "Inès Laurent", isOwner: false, chatPermission: true },
  { id: "stf_theo", email: "theo@demo.shop", name: "Théo Bernard", isOwner: false, chatPermission: false },
] as const

interface SeedProduct {
  readonly id: string
  readonly title: string
  readonly price: number
  readonly status?: "active" | "draft" | "archived"
  readonly onlineStore?: boolean
  readonly variants: ReadonlyArray<readonly [id: string, title: string, stock: number]>
}

const productRows: ReadonlyArray<SeedProduct> = [
  {
    id: "prd_linen_shirt",
    title: "Linen shirt",
    price: 4900,
    variants: [
      ["var_shirt_s", "S", 12],
      ["var_shirt_m", "M", 3],
      ["var_shirt_l", "L", 0],
    ],
  },
  {
    id: "prd_candle_fig",
    title: "Bougie parfumée Figue & Cèdre",
    price: 2800,
    variants: [["var_candle_std", "220 g", 40]],
  },
  { id: "prd_carafe", title: "Carafe en verre soufflé", price: 3900, variants: [["var_carafe", "1 L", 8]] },
  {
    id: "prd_wool_throw",
    title: "Handwoven wool throw blanket in natural oatmeal colour",
    price: 12900,
    variants: [["var_throw_std", "130 × 170 cm", 5]],
  },
  {
    id: "prd_soap_box",
    title: "Coffret de trois savons artisanaux à l'huile d'olive bio",
    price: 2400,
    variants: [["var_soap_box", "3 × 100 g", 25]],
  },
  {
    id: "prd_espresso_cup",
    title: "Ceramic espresso cup",
    price: 1600,
    variants: [
      ["var_cup_white", "White", 30],
      ["var_cup_sand", "Sand", 14],
    ],
  },
  { id: "prd_apron", title: "Tablier en lin lavé", price: 3500, variants: [["var_apron", "Unique", 9]] },
  {
    id: "prd_oak_board",
    title: "Oak serving board",
    price: 4500,
    variants: [
      ["var_board_m", "Medium", 6],
      ["var_board_l", "Large", 2],
    ],
  },
  { id: "prd_keyring", title: "Porte-clés en cuir", price: 1200, variants: [["var_keyring", "Cognac", 50]] },
  {
    id: "prd_velvet_cushion",
    title: "Winter velvet cushion",
    price: 5500,
    status: "draft",
    variants: [["var_cushion", "45 × 45", 10]],
  },
  {
    id: "prd_straw_hat",
    title: "Chapeau de paille d'été",
    price: 3200,
    status: "archived",
    variants: [["var_hat", "Unique", 0]],
  },
  {
    id: "prd_brass_lamp",
    title: "Lampe de chevet en laiton",
    price: 8900,
    onlineStore: false,
    variants: [["var_lamp", "Brass", 4]],
  },
]

const discountRows = (now: number): ReadonlyArray<typeof t.discountCodes.$inferInsert> => [
  {
    shopId: DEMO_SHOP,
    code: "WELCOME10",
    value: { _tag: "percentage", percent: 10 },
    startsAt: now - 90 * DAY,
    endsAt: null,
    enabled: true,
    usageCount: 37,
    usageLimit: null,
  },
  {
    shopId: DEMO_SHOP,
    code: "BIENVENUE15",
    value: { _tag: "percentage", percent: 15 },
    startsAt: now - 10 * DAY,
    endsAt: now + 20 * DAY,
    enabled: true,
    usageCount: 4,
    usageLimit: 100,
  },
  {
    shopId: DEMO_SHOP,
    code: "FREESHIP",
    value: { _tag: "free_shipping" },
    startsAt: now - 5 * DAY,
    endsAt: now + 30 * DAY,
    enabled: true,
    usageCount: 12,
    usageLimit: null,
  },
  {
    shopId: DEMO_SHOP,
    code: "SPRING5",
    value: { _tag: "fixed_amount", amount: 500, currency: "EUR" },
    startsAt: now - 200 * DAY,
    endsAt: now - 100 * DAY,
    enabled: true,
    usageCount: 80,
    usageLimit: null,
  },
  {
    shopId: DEMO_SHOP,
    code: "NOEL2026",
    value: { _tag: "percentage", percent: 20 },
    startsAt: now + 20 * DAY,
    endsAt: now + 50 * DAY,
    enabled: true,
    usageCount: 0,
    usageLimit: null,
  },
  {
    shopId: DEMO_SHOP,
    code: "OLDPROMO",
    value: { _tag: "percentage", percent: 25 },
    startsAt: now - 300 * DAY,
    endsAt: null,
    enabled: false,
    usageCount: 210,
    usageLimit: null,
  },
  {
    shopId: DEMO_SHOP,
    code: "VIP20",
    value: { _tag: "percentage", percent: 20 },
    startsAt: now - 30 * DAY,
    endsAt: null,
    enabled: true,
    usageCount: 50,
    usageLimit: 50,
  },
]

interface SeedCustomer {
  readonly id: string
  readonly name: string
  readonly email: string | null
  readonly phone: string | null
  readonly city: string
  readonly country: string
  readonly province?: string
  readonly timeZone: string
  readonly sinceDays: number
  readonly emailMarketing?: boolean
  readonly smsMarketing?: boolean
  readonly note?: string
}

const customerRows: ReadonlyArray<SeedCustomer> = [
  {
    id: "cus_sophie",
    name: "Sophie Laurent",
    email: "sophie.laurent@example.fr",
    phone: "+33 6 12 34 56 78",
    city: "Paris",
    country: "France",
    timeZone: "Europe/Paris",
    sinceDays: 400,
    emailMarketing: true,
    note: "Prefers delivery to her office on weekdays.",
  },
  {
    id: "cus_james",
    name: "James Whitfield",
    email: "james.whitfield@example.co.uk",
    phone: "+44 20 7946 0958",
    city: "London",
    country: "United Kingdom",
    timeZone: "Europe/London",
    sinceDays: 260,
  },
  {
    id: "cus_aiko",
    name: "Aiko Tanaka",
    email: "aiko.tanaka@example.jp",
    phone: null,
    city: "Tokyo",
    country: "Japan",
    timeZone: "Asia/Tokyo",
    sinceDays: 2,
  },
  {
    id: "cus_maria",
    name: "María González",
    email: "maria.gonzalez@example.es",
    phone: "+34 612 345 678",
    city: "Madrid",
    country: "Spain",
    timeZone: "Europe/Madrid",
    sinceDays: 150,
    smsMarketing: true,
  },
  {
    id: "cus_liam",
    name: "Liam O'Connor",
    email: "liam.oconnor@example.ie",
    phone: null,
    city: "Dublin",
    country: "Ireland",
    timeZone: "Europe/Dublin",
    sinceDays: 40,
  },
  {
    id: "cus_emily",
    name: "Emily Chen",
    email: "emily@chen-studio.example.com",
    phone: "+1 415 555 0134",
    city: "San Francisco",
    province: "California",
    country: "United States",
    timeZone: "America/Los_Angeles",
    sinceDays: 700,
    emailMarketing: true,
    smsMarketing: true,
    note: "Interior designer; asked about trade pricing before.",
  },
  {
    id: "cus_lucas",
    name: "Lucas Moreau",
    email: null,
    phone: null,
    city: "Montréal",
    province: "Québec",
    country: "Canada",
    timeZone: "America/Toronto",
    sinceDays: 1,
  },
  {
    id: "cus_chloe",
    name: "Chloé Petit",
    email: "chloe.petit@example.fr",
    phone: null,
    city: "Lyon",
    country: "France",
    timeZone: "Europe/Paris",
    sinceDays: 3,
  },
  {
    id: "cus_noah",
    name: "Noah Schmidt",
    email: "noah.schmidt@example.de",
    phone: "+49 30 901820",
    city: "Berlin",
    country: "Germany",
    timeZone: "Europe/Berlin",
    sinceDays: 320,
  },
  {
    id: "cus_olivia",
    name: "Olivia Brown",
    email: "olivia.brown@example.com.au",
    phone: null,
    city: "Sydney",
    province: "NSW",
    country: "Australia",
    timeZone: "Australia/Sydney",
    sinceDays: 6,
  },
  {
    id: "cus_hugo",
    name: "Hugo Lefèvre",
    email: null,
    phone: null,
    city: "Bordeaux",
    country: "France",
    timeZone: "Europe/Paris",
    sinceDays: 0,
  },
  {
    id: "cus_ana",
    name: "Ana Silva",
    email: "ana.silva@example.pt",
    phone: null,
    city: "Lisbon",
    country: "Portugal",
    timeZone: "Europe/Lisbon",
    sinceDays: 1,
  },
]

const orderRows = (now: number): ReadonlyArray<typeof t.orders.$inferInsert> => {
  const o = (
    id: string,
    customerId: string,
    reference: string,
    daysAgo: number,
    total: number,
    status: string,
  ) => ({
    id,
    shopId: DEMO_SHOP,
    customerId,
    reference,
    placedAt: now - daysAgo * DAY,
    totalAmount: total,
    currency: "EUR",
    status,
    adminUrl: `https://admin.example/demo/orders/${id}`,
  })
  return [
    o("ord_1001", "cus_sophie", "#1001", 120, 7800, "fulfilled"),
    o("ord_1042", "cus_sophie", "#1042", 12, 4900, "paid"),
    o("ord_1010", "cus_james", "#1010", 90, 12900, "fulfilled"),
    o("ord_1033", "cus_maria", "#1033", 25, 5200, "fulfilled"),
    o("ord_1044", "cus_emily", "#1044", 3, 23400, "pending"),
    o("ord_1002", "cus_emily", "#1002", 200, 4500, "refunded"),
    o("ord_1020", "cus_noah", "#1020", 45, 3900, "fulfilled"),
    o("ord_1045", "cus_noah", "#1045", 2, 3500, "cancelled"),
  ]
}

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

const conversationsScript: ReadonlyArray<SeedConversation> = [
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
        topic: "product_details",
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

const fixedClock = (ms: number): Clock.Clock => ({
  currentTimeMillisUnsafe: () => ms,
  currentTimeMillis: Effect.succeed(ms),
  currentTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  monotonicTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  monotonicTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  sleep: () => Effect.void,
})

/** The classifier's answer, or the script's topic at 95% when the classifier has no label (demo data). */
const classification = (text: string, hint: Topic.TopicId | undefined) =>
  Effect.gen(function* () {
    const classifier = yield* TopicClassifier
    const p = yield* classifier.classify(text)
    if (hint === undefined || Topic.labelOf(p)._tag === "Some") return p
    const topics = Object.fromEntries(
      Topic.TOPIC_IDS.map((id) => [id, id === hint ? 0.95 : 0.005]),
    ) as Topic.TopicProbabilities["topics"]
    return { topics, none: 0.005 }
  })

export const seedDemo = Effect.fn("seed.demo")(function* () {
  const { db } = yield* Database
  const store = yield* Conversations
  const now = yield* Clock.currentTimeMillis
  const run = <A>(f: () => Promise<A>) => Effect.promise(f)

  yield* run(() =>
    db
      .insert(t.shops)
      .values({ id: DEMO_SHOP, name: "Maison Lumière", currency: "EUR", createdAt: now - 800 * DAY }),
  )
  const hash = yield* run(() => hashPassword(DEMO_PASSWORD))
  yield* run(() =>
    db.insert(t.staff).values(staffRows.map((s) => ({ ...s, shopId: DEMO_SHOP, passwordHash: hash }))),
  )
  yield* run(() =>
    db.insert(t.products).values(
      productRows.map((p) => ({
        id: p.id,
        shopId: DEMO_SHOP,
        title: p.title,
        priceAmount: p.price,
        currency: "EUR",
        imageUrl: null,
        url: `/store/${DEMO_SHOP}#${p.id}`,
        status: p.status ?? "active",
        onlineStore: p.onlineStore ?? (p.status ?? "active") === "active",
        createdAt: now - 100 * DAY,
      })),
    ),
  )
  yield* run(() =>
    db.insert(t.variants).values(
      productRows.flatMap((p) =>
        p.variants.map(([id, title, stock]) => ({
          id,
          shopId: DEMO_SHOP,
          productId: p.id,
          title,
          priceAmount: p.price,
          currency: "EUR",
          stock,
        })),
      ),
    ),
  )
  yield* run(() => db.insert(t.discountCodes).values([...discountRows(now)]))
  yield* run(() =>
    db.insert(t.customers).values(
      customerRows.map((c) => ({
        id: c.id,
        shopId: DEMO_SHOP,
        name: c.name,
        email: c.email,
        phone: c.phone,
        city: c.city,
        province: c.province ?? null,
        country: c.country,
        timeZone: c.timeZone,
        emailMarketing: c.emailMarketing ?? false,
        smsMarketing: c.smsMarketing ?? false,
        note: c.note ?? "",
        adminUrl: `https://admin.example/demo/customers/${c.id}`,
        createdAt: now - c.sinceDays * DAY - HOUR,
      })),
    ),
  )
  yield* run(() => db.insert(t.orders).values([...orderRows(now)]))

  const staffById = new Map<string, Staff.StaffMember>(
    staffRows.map((s) => [
      s.id,
      {
        id: Ids.StaffId.make(s.id),
        shopId: Ids.ShopId.make(DEMO_SHOP),
        name: s.name,
        isOwner: s.isOwner,
        chatPermission: s.chatPermission,
      },
    ]),
  )
  const variants = new Map(
    productRows.flatMap((p) => p.variants.map(([id, title]) => [id, { p, title }] as const)),
  )
  const discounts = new Map(discountRows(now).map((d) => [d.code, d]))
  let messageNo = 0

  for (const conv of conversationsScript) {
    const start = now - conv.hoursAgo * HOUR
    const shopId = Ids.ShopId.make(DEMO_SHOP)
    const conversationId = Ids.ConversationId.make(conv.id)
    const exec = (at: number, command: Command.ConversationCommand) =>
      store
        .execute({ shopId, conversationId, command: () => Effect.succeed(command) })
        .pipe(Effect.provideService(Clock.Clock, fixedClock(Math.min(at, now))))
    yield* exec(start, {
      _tag: "StartConversation",
      conversationId,
      shopId,
      customerId: Ids.CustomerId.make(conv.customerId),
      platform: conv.platform,
      customerEmail: conv.email,
      currency: "EUR",
    })
    for (const step of conv.steps) {
      const at = start + step.at * MIN
      if ("customer" in step) {
        messageNo++
        yield* exec(at, {
          _tag: "ReceiveCustomerMessage",
          messageId: Ids.MessageId.make(`msg_seed_${messageNo}`),
          text: step.customer,
          hasImage: false,
          classification: yield* classification(step.customer, step.topic),
        })
      } else if ("reply" in step) {
        messageNo++
        const products = productRows
          .filter((p) => step.products?.includes(p.id))
          .map((p) => ({
            id: Ids.ProductId.make(p.id),
            title: p.title,
            price: { amount: p.price, currency: "EUR" },
            imageUrl: null,
            url: `/store/${DEMO_SHOP}#${p.id}`,
            status: p.status ?? ("active" as const),
            onlineStore: p.onlineStore ?? true,
          }))
        const d = step.discount === undefined ? undefined : discounts.get(step.discount)
        const discount: Discount.Discount | null =
          d === undefined
            ? null
            : {
                code: Ids.DiscountCode.make(d.code),
                value: d.value as Discount.DiscountValue,
                startsAt: d.startsAt as Discount.Discount["startsAt"],
                endsAt: (d.endsAt ?? null) as Discount.Discount["endsAt"],
                enabled: d.enabled,
                usageCount: d.usageCount ?? 0,
                usageLimit: d.usageLimit ?? null,
              }
        yield* exec(at, {
          _tag: "SendReply",
          messageId: Ids.MessageId.make(`msg_seed_${messageNo}`),
          staff: staffById.get(step.staff)!,
          text: step.reply,
          products,
          discount,
          image: null,
        })
      } else if ("add" in step) {
        const v = variants.get(step.add)!
        yield* exec(at, {
          _tag: "AddCartItem",
          line: {
            productId: Ids.ProductId.make(v.p.id),
            variantId: Ids.VariantId.make(step.add),
            title: v.p.title,
            variantTitle: v.title,
            quantity: step.quantity ?? 1,
            unitPrice: { amount: v.p.price, currency: "EUR" },
          },
        })
      } else if ("remove" in step) {
        yield* exec(at, {
          _tag: "RemoveCartItem",
          variantId: Ids.VariantId.make(step.remove),
          quantity: step.quantity ?? 99,
        })
      } else if ("status" in step) {
        yield* exec(at, { _tag: "SetStatus", staff: staffById.get(step.staff)!, status: step.status })
      } else if ("assign" in step) {
        yield* exec(at, {
          _tag: "AssignConversation",
          staff: staffById.get(step.staff)!,
          assignee: staffById.get(step.assign)!,
        })
      } else if ("read" in step) {
        yield* exec(at, { _tag: "MarkRead", staff: staffById.get(step.read)! })
      } else if ("online" in step) {
        yield* exec(at, { _tag: "ChangePresence", online: step.online })
      } else if ("apply" in step) {
        yield* exec(at, { _tag: "ApplySharedDiscount", code: Ids.DiscountCode.make(step.apply) })
      }
    }
    // Nobody is really in the store after a seed: live sockets bring shoppers back online. @see R8
    yield* exec(start + (conv.steps.at(-1)?.at ?? 0) * MIN + MIN, { _tag: "ChangePresence", online: false })
  }
  // The demo's history was delivered long ago; only live replies go through the dispatcher.
  yield* run(() =>
    db.update(t.outbox).set({ status: "sent", attempts: 1 }).where(sql`${t.outbox.status} = 'queued'`),
  )
})
