/** Request bodies the workerd tests send more than once. */

/** A plain-text merchant reply with a fresh client id (no products, discount or image). */
export const textReply = (text: string): string =>
  JSON.stringify({
    clientMessageId: crypto.randomUUID(),
    text,
    productIds: [],
    discountCode: null,
    imageId: null,
  })
