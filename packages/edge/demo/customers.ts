/** The demo shop's customers (every time zone the profile shows) and their orders. */
import type * as t from "../src/db/schema.ts"
import { DAY, DEMO_SHOP } from "./shop.ts"

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

export const customerRows: ReadonlyArray<SeedCustomer> = [
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

export const orderRows = (now: number): ReadonlyArray<typeof t.orders.$inferInsert> => {
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
