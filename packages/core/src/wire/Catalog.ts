/** The composer's look-ups: products and discount codes to share, images to upload. @see R15, R16, R18 */
import { Schema } from "effect"
import { Product } from "../catalog/Product.ts"
import { ImageRef } from "../conversation/Event.ts"
import { DiscountValue } from "../discount/Discount.ts"
import { DiscountInactiveReason } from "../discount/errors.ts"
import { DiscountCode, ImageId } from "../ids.ts"
import { isMaxChars, singleLine } from "../text/Text.ts"
import { Instant } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"

export const SearchQuery = Schema.Struct({
  q: Schema.optionalKey(Schema.String.check(isMaxChars(200), singleLine)),
})
export type SearchQuery = typeof SearchQuery.Type

/** A catalogue product and whether it may be shared (active and on the online store). @see R15 */
export const ProductOption = Schema.Struct({ ...Product.fields, shareable: Schema.Boolean })
export type ProductOption = typeof ProductOption.Type

export const ProductList = Schema.Struct({ products: Schema.Array(ProductOption) })
export type ProductList = typeof ProductList.Type

/** A discount code as the composer lists it; inactive ones say why. @see R16 */
export const DiscountOption = Schema.Struct({
  code: DiscountCode,
  value: DiscountValue,
  startsAt: Instant,
  endsAt: Schema.NullOr(Instant),
  active: Schema.Boolean,
  inactiveReason: Schema.NullOr(DiscountInactiveReason),
})
export type DiscountOption = typeof DiscountOption.Type

export const DiscountList = Schema.Struct({ discounts: Schema.Array(DiscountOption) })
export type DiscountList = typeof DiscountList.Type

/** Largest image a merchant may upload. @see R18 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export const ImageUploaded = Schema.Struct({ image: ImageRef, url: Schema.String })
export type ImageUploaded = typeof ImageUploaded.Type

export const ImagePath = Schema.Struct({ id: ImageId })
export type ImagePath = typeof ImagePath.Type

/** What the composer shares: products and discount codes. @see R15, R16 */
export const CatalogueApi = {
  products: Endpoint.get("/api/products", {
    summary: "Search products to share",
    auth: "chatStaff",
    query: SearchQuery,
    success: ProductList,
    errors: ["CommerceUnavailable"],
  }),
  discounts: Endpoint.get("/api/discounts", {
    summary: "Search discount codes",
    auth: "chatStaff",
    query: SearchQuery,
    success: DiscountList,
    errors: ["CommerceUnavailable"],
  }),
}

/** Merchant images: uploaded as raw bytes, served with their own type. @see R18 */
export const ImagesApi = {
  upload: Endpoint.post("/api/images", {
    summary: "Upload an image (raw bytes, JPEG, PNG, GIF or WebP, at most 5 MB)",
    auth: "chatStaff",
    body: Endpoint.Bytes("image/*"),
    success: ImageUploaded,
    status: 201,
    errors: ["ImageTooLarge", "ImageTypeNotAllowed"],
  }),
  image: Endpoint.get("/api/images/:id", {
    summary: "Image bytes",
    auth: "public",
    params: ImagePath,
    success: Endpoint.Bytes("image/*"),
    errors: ["ImageNotFound"],
  }),
}
