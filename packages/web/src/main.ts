/** Entry of the merchant inbox page (`/`): sign in, then the live inbox. */
import "./styles/base.css"
import "./styles/inbox.css"
import "./styles/conversation.css"
import { Staff } from "@inbox/core"
import { ApiError, NETWORK_ERROR } from "./api/http.ts"
import * as Api from "./api/merchant.ts"
import type { Session } from "./api/types.ts"
import { onLocaleChange } from "./i18n/Locale.ts"
import { startInbox } from "./screens/inbox/InboxApp.ts"
import { renderNoPermission } from "./screens/inbox/NoPermission.ts"
import { renderOffline } from "./screens/inbox/Offline.ts"
import { renderSignIn } from "./screens/inbox/SignIn.ts"
import { openStoreConnection } from "./screens/settings/StoreConnectionDialog.ts"

const root = document.getElementById("app")!
// Shopify's install sends the merchant back to `/?settings=store-connection`: that page opens once signed in.
let openOnStart = new URLSearchParams(location.search).get("settings")
let stop: (() => void) | null = null

let waiting: Session | null = null

const signedIn = (session: Session) => {
  // Without the chat permission there is no inbox to start (its list and socket would be refused). @see R0.2
  if (!Staff.canChat(session.staff)) {
    waiting = session
    renderNoPermission(root, session, {
      retry: () => void Api.me().then(signedIn, signedOut),
      signOut: () => void Api.logout().finally(signedOut),
    })
    return
  }
  waiting = null
  stop = startInbox(root, session, signedOut)
  if (openOnStart === "store-connection") void openStoreConnection()
  openOnStart = null
}
const signedOut = () => {
  stop?.()
  stop = null
  waiting = null
  renderSignIn(root, signedIn)
}
// The sign-in page follows a language switch; the inbox re-renders itself.
onLocaleChange(() => {
  if (waiting !== null) signedIn(waiting)
  else if (stop === null) renderSignIn(root, signedIn)
})

/** Without a network the kept shell still opens: it says so, and starts as soon as the network is back. */
const start = () =>
  Api.me().then(signedIn, (e: unknown) => {
    if (e instanceof ApiError && e.code === NETWORK_ERROR) {
      renderOffline(root)
      window.addEventListener("online", () => void start(), { once: true })
    } else signedOut()
  })

void start()
// The installed app: the shell offline, and Web Push notifications.
if ("serviceWorker" in navigator) void navigator.serviceWorker.register("/sw.js").catch(() => undefined)
