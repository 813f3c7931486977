/** The demo shop "Maison Lumière" (id `demo`, EUR): its staff, catalogue and discount codes. */
import type * as t from "../src/db/schema.ts"

export const DEMO_SHOP = "demo"
export const DEMO_PASSWORD = "inbox-demo"
/**
 * The demo shop's public website (a reserved `.example` name): listed among its allowed origins, so tests
 * and scripts can start chats as that site. `npm start` also lists the local demo store it serves.
 */
export const DEMO_STOREFRONT = "https://maison-lumiere.example"

/** A product's page on the storefront, as Shopify names it: `/products/<handle>`. */
export const productPath = (id: string): string => `/products/${id.replace(/^prd_/, "").replaceAll("_", "-")}`
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

export const staffRows = [
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

export const productRows: ReadonlyArray<SeedProduct> = [
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

export const discountRows = (now: number): ReadonlyArray<typeof t.discountCodes.$inferInsert> => [
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
