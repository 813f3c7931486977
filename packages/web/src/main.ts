/** Entry of the merchant inbox page (`/`): sign in, then the live inbox. */
import "./styles/base.css"
import "./styles/inbox.css"
import "./styles/conversation.css"
import { Staff } from "@inbox/core"
import * as Api from "./api/merchant.ts"
import type { Session } from "./api/types.ts"
import { onLocaleChange } from "./i18n/Locale.ts"
import { startInbox } from "./screens/inbox/InboxApp.ts"
import { renderNoPermission } from "./screens/inbox/NoPermission.ts"
import { renderSignIn } from "./screens/inbox/SignIn.ts"

const root = document.getElementById("app")!
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

Api.me().then(signedIn, signedOut)
