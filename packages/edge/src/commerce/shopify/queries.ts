/**
 * The Admin GraphQL operations the inbox sends (pinned API version) and the Schemas their answers are
 * decoded with: nothing from Shopify is used before it has been decoded. Field names follow
 * https://shopify.dev/docs/api/admin-graphql (objects Product, ProductVariant, Customer, Order,
 * DiscountCodeNode; queries products, nodes, productVariant, customer, customers, codeDiscountNodeByCode,
 * codeDiscountNodes; mutation customerUpdate).
 */
import { Schema } from "effect"

/** Every request goes to this version's endpoint; bump it deliberately, with the fixtures. */
export const SHOPIFY_API_VERSION = "2026-10"

/** Shopify sends 64-bit integers (legacy ids, counts) as strings. */
const UInt64 = Schema.String
/** Decimal text, e.g. "19.99". */
const Decimal = Schema.String
const MoneyV2 = Schema.Struct({ amount: Decimal, currencyCode: Schema.String })
const PageInfo = Schema.Struct({ hasNextPage: Schema.Boolean, endCursor: Schema.NullOr(Schema.String) })

const PRODUCT_FIELDS = `
  id
  legacyResourceId
  title
  handle
  status
  onlineStoreUrl
  featuredMedia { preview { image { url } } }
  priceRangeV2 { minVariantPrice { amount currencyCode } }
  variants(first: 100) { nodes { id legacyResourceId title price inventoryQuantity } }`

export const VariantNode = Schema.Struct({
  id: Schema.String,
  legacyResourceId: UInt64,
  title: Schema.String,
  price: Decimal,
  /** Null when inventory is not tracked. */
  inventoryQuantity: Schema.NullOr(Schema.Number),
})
export type VariantNode = typeof VariantNode.Type

export const ProductNode = Schema.Struct({
  id: Schema.String,
  legacyResourceId: UInt64,
  title: Schema.String,
  handle: Schema.String,
  status: Schema.String,
  /** Null unless the product is published on the Online Store sales channel. */
  onlineStoreUrl: Schema.NullOr(Schema.String),
  featuredMedia: Schema.NullOr(
    Schema.Struct({
      preview: Schema.NullOr(Schema.Struct({ image: Schema.NullOr(Schema.Struct({ url: Schema.String })) })),
    }),
  ),
  priceRangeV2: Schema.Struct({ minVariantPrice: MoneyV2 }),
  variants: Schema.Struct({ nodes: Schema.Array(VariantNode) }),
})
export type ProductNode = typeof ProductNode.Type

export const PRODUCTS = `query InboxProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: TITLE) {
    nodes {${PRODUCT_FIELDS}
    }
    pageInfo { hasNextPage endCursor }
  }
}`
export const ProductsData = Schema.Struct({
  products: Schema.Struct({ nodes: Schema.Array(ProductNode), pageInfo: PageInfo }),
})

export const PRODUCTS_BY_IDS = `query InboxProductsByIds($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Product {${PRODUCT_FIELDS}
    }
  }
}`
export const ProductsByIdsData = Schema.Struct({
  // A node that is not a product (or no longer exists) comes back null or empty.
  nodes: Schema.Array(Schema.NullOr(Schema.Union([ProductNode, Schema.Struct({})]))),
})

export const VARIANT = `query InboxVariant($id: ID!) {
  productVariant(id: $id) {
    id legacyResourceId title price inventoryQuantity
    product {${PRODUCT_FIELDS}
    }
  }
}`
export const VariantData = Schema.Struct({
  productVariant: Schema.NullOr(Schema.Struct({ ...VariantNode.fields, product: ProductNode })),
})

const ORDER_FIELDS = `
  id
  legacyResourceId
  name
  createdAt
  cancelledAt
  displayFinancialStatus
  displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } }`

export const OrderNode = Schema.Struct({
  id: Schema.String,
  legacyResourceId: UInt64,
  name: Schema.String,
  createdAt: Schema.String,
  cancelledAt: Schema.NullOr(Schema.String),
  displayFinancialStatus: Schema.NullOr(Schema.String),
  displayFulfillmentStatus: Schema.String,
  totalPriceSet: Schema.Struct({ shopMoney: MoneyV2 }),
})
export type OrderNode = typeof OrderNode.Type

export const CustomerNode = Schema.Struct({
  id: Schema.String,
  legacyResourceId: UInt64,
  displayName: Schema.String,
  /** `defaultEmailAddress` / `defaultPhoneNumber` replace the deprecated `email`, `emailMarketingConsent`, `smsMarketingConsent`. */
  defaultEmailAddress: Schema.NullOr(
    Schema.Struct({ emailAddress: Schema.NullOr(Schema.String), marketingState: Schema.String }),
  ),
  defaultPhoneNumber: Schema.NullOr(
    Schema.Struct({ phoneNumber: Schema.String, marketingState: Schema.String }),
  ),
  defaultAddress: Schema.NullOr(
    Schema.Struct({
      city: Schema.NullOr(Schema.String),
      province: Schema.NullOr(Schema.String),
      countryCodeV2: Schema.NullOr(Schema.String),
    }),
  ),
  createdAt: Schema.String,
  note: Schema.NullOr(Schema.String),
  amountSpent: MoneyV2,
  numberOfOrders: UInt64,
})
export type CustomerNode = typeof CustomerNode.Type

const CUSTOMER_FIELDS = `
  id
  legacyResourceId
  displayName
  defaultEmailAddress { emailAddress marketingState }
  defaultPhoneNumber { phoneNumber marketingState }
  defaultAddress { city province countryCodeV2 }
  createdAt
  note
  amountSpent { amount currencyCode }
  numberOfOrders`

/** The profile in one round trip: the customer and their orders since an instant (`created_at:>=…`). */
export const CUSTOMER = `query InboxCustomer($id: ID!, $orders: String) {
  customer(id: $id) {${CUSTOMER_FIELDS}
    orders(first: 20, sortKey: CREATED_AT, reverse: true, query: $orders) {
      nodes {${ORDER_FIELDS}
      }
    }
  }
}`
export const CustomerData = Schema.Struct({
  customer: Schema.NullOr(
    Schema.Struct({ ...CustomerNode.fields, orders: Schema.Struct({ nodes: Schema.Array(OrderNode) }) }),
  ),
})

export const CUSTOMER_BY_EMAIL = `query InboxCustomerByEmail($query: String!) {
  customers(first: 1, query: $query) { nodes { id legacyResourceId } }
}`
export const CustomerByEmailData = Schema.Struct({
  customers: Schema.Struct({
    nodes: Schema.Array(Schema.Struct({ id: Schema.String, legacyResourceId: UInt64 })),
  }),
})

export const ORDERS = `query InboxOrders($id: ID!, $first: Int!, $after: String) {
  customer(id: $id) {
    orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
      nodes {${ORDER_FIELDS}
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`
export const OrdersData = Schema.Struct({
  customer: Schema.NullOr(
    Schema.Struct({ orders: Schema.Struct({ nodes: Schema.Array(OrderNode), pageInfo: PageInfo }) }),
  ),
})

export const CUSTOMER_NOTE = `mutation InboxCustomerNote($input: CustomerInput!) {
  customerUpdate(input: $input) {
    customer { id note }
    userErrors { field message }
  }
}`
export const CustomerNoteData = Schema.Struct({
  customerUpdate: Schema.NullOr(
    Schema.Struct({
      customer: Schema.NullOr(Schema.Struct({ id: Schema.String, note: Schema.NullOr(Schema.String) })),
      userErrors: Schema.Array(
        Schema.Struct({ field: Schema.NullOr(Schema.Array(Schema.String)), message: Schema.String }),
      ),
    }),
  ),
})

const DISCOUNT_FIELDS = `
  id
  codeDiscount {
    __typename
    ... on DiscountCodeBasic {
      title status startsAt endsAt usageLimit asyncUsageCount
      codes(first: 1) { nodes { code } }
      customerGets { value {
        __typename
        ... on DiscountPercentage { percentage }
        ... on DiscountAmount { amount { amount currencyCode } }
      } }
    }
    ... on DiscountCodeBxgy {
      title status startsAt endsAt usageLimit asyncUsageCount
      codes(first: 1) { nodes { code } }
    }
    ... on DiscountCodeFreeShipping {
      title status startsAt endsAt usageLimit asyncUsageCount
      codes(first: 1) { nodes { code } }
    }
    ... on DiscountCodeApp {
      title status startsAt endsAt usageLimit asyncUsageCount
      codes(first: 1) { nodes { code } }
    }
  }`

export const DiscountValueNode = Schema.Union([
  Schema.Struct({ __typename: Schema.Literal("DiscountPercentage"), percentage: Schema.Number }),
  Schema.Struct({ __typename: Schema.Literal("DiscountAmount"), amount: MoneyV2 }),
  Schema.Struct({ __typename: Schema.String }),
])

export const CodeDiscount = Schema.Struct({
  __typename: Schema.String,
  title: Schema.String,
  /** ACTIVE | EXPIRED | SCHEDULED */
  status: Schema.String,
  startsAt: Schema.String,
  endsAt: Schema.NullOr(Schema.String),
  usageLimit: Schema.NullOr(Schema.Number),
  asyncUsageCount: Schema.Number,
  codes: Schema.Struct({ nodes: Schema.Array(Schema.Struct({ code: Schema.String })) }),
  customerGets: Schema.optionalKey(Schema.Struct({ value: DiscountValueNode })),
})
export type CodeDiscount = typeof CodeDiscount.Type

export const DiscountNode = Schema.Struct({ id: Schema.String, codeDiscount: CodeDiscount })
export type DiscountNode = typeof DiscountNode.Type

export const DISCOUNT_BY_CODE = `query InboxDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {${DISCOUNT_FIELDS}
  }
}`
export const DiscountByCodeData = Schema.Struct({ codeDiscountNodeByCode: Schema.NullOr(DiscountNode) })

export const DISCOUNTS = `query InboxDiscounts($query: String) {
  codeDiscountNodes(first: 50, query: $query, sortKey: TITLE) {
    nodes {${DISCOUNT_FIELDS}
    }
  }
}`
export const DiscountsData = Schema.Struct({
  codeDiscountNodes: Schema.Struct({ nodes: Schema.Array(DiscountNode) }),
})

export const SHOP = `query InboxShop {
  shop { name currencyCode myshopifyDomain }
}`
export const ShopData = Schema.Struct({
  shop: Schema.Struct({ name: Schema.String, currencyCode: Schema.String, myshopifyDomain: Schema.String }),
})

/** `extensions.cost` of every answer: how much budget is left, and how fast it comes back. */
export const Cost = Schema.Struct({
  requestedQueryCost: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  actualQueryCost: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  throttleStatus: Schema.Struct({
    maximumAvailable: Schema.Number,
    currentlyAvailable: Schema.Number,
    restoreRate: Schema.Number,
  }),
})
export type Cost = typeof Cost.Type
