/**
 * Web Push on this browser: once notifications are allowed, the service worker subscribes with the shop's VAPID
 * key and the server is told where to push (new conversations, new messages on mine, assignments to me, as the
 * notification settings say), in this person's language. Without a push service (or a key) nothing changes:
 * the open tab still notifies by itself.
 */
import * as Api from "../../api/merchant.ts"
import { locale } from "../../i18n/Locale.ts"

const key = (b64url: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(b64url.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0))

export const enablePush = async (): Promise<void> => {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return
  if (Notification.permission !== "granted") return
  try {
    const { publicKey } = await Api.pushKey()
    if (publicKey === null) return
    const registration = await navigator.serviceWorker.ready
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key(publicKey),
      }))
    const { endpoint, keys } = subscription.toJSON()
    if (endpoint === undefined || keys?.p256dh === undefined || keys.auth === undefined) return
    await Api.subscribePush({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, language: locale() })
  } catch {
    // No push service here (a browser without one, a refused subscription): the tab's own notifications remain.
  }
}
