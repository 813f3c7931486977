/** @inbox/core: the pure domain of the Inbox customer-messaging product. */
export const version = "0.1.0"
