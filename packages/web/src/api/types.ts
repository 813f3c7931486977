/**
 * Shapes of the edge API as the web app reads them: the `@inbox/core/wire` Schemas' types (the single
 * source of truth shared with the edge) and the core's domain types they are made of.
 */
import type {
  CustomerProfile,
  Discount,
  Event,
  InboxRow as InboxRowNs,
  Money,
  Product,
  Topic,
} from "@inbox/core"
import type * as Wire from "@inbox/core/wire"

export type InboxRow = InboxRowNs.InboxRow
export type ConversationEvent = Event.ConversationEvent
export type TopicId = Topic.TopicId
export type MoneyValue = Money.Money
export type DiscountValue = Discount.DiscountValue
export type ProductCard = Product.ProductCard
export type DiscountCard = Discount.DiscountCard

export type StaffSummary = Wire.StaffView
export type Session = Wire.Me
export type LoginResponse = Wire.LoginResponse
export type Delivery = Wire.Delivery
export type ThreadItem = Wire.ThreadItem
export type ConversationDetail = Wire.ConversationView
export type ConversationPage = Wire.ConversationDetail
export type RowsPage = Wire.InboxPage
export type ShareableProduct = Wire.ProductOption
export type DiscountOption = Wire.DiscountOption
export type ReplyBody = Wire.ReplyBody
export type ReplyResult = Wire.ReplyResponse
export type UploadedImage = Wire.ImageUploaded
export type ReplyDestination = Wire.ReplyDestination
export type ChannelStatus = Wire.ChannelStatus
export type Profile = CustomerProfile.CustomerProfile
export type StaffFrame = Wire.MerchantServerFrame
export type StaffClientFrame = Wire.MerchantClientFrame

export type StorePage = Wire.Store
export type StoreProduct = Wire.StoreProduct
export type StoreVariant = Wire.StoreVariant
export type ChatStarted = Wire.ChatStarted
export type ChatState = Wire.ChatView
export type StoreCart = Wire.StoreCart
export type CartState = Wire.CartResponse
export type ChatMessageSent = Wire.ChatMessageSent
export type ShopperFrame = Wire.ShopperServerFrame
