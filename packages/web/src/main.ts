/** Entry of the merchant inbox page (`/`): sign in, then the live inbox. */
import "./styles/base.css"
import "./styles/inbox.css"
import * as Api from "./api/merchant.ts"
import type { Session } from "./api/types.ts"
import { onLocaleChange } from "./i18n/Locale.ts"
import { startInbox } from "./screens/inbox/InboxApp.ts"
import { renderSignIn } from "./screens/inbox/SignIn.ts"

const root = document.getElementById("app")!
let stop: (() => void) | null = null

const signedIn = (session: Session) => {
  stop = startInbox(root, session, signedOut)
}
const signedOut = () => {
  stop?.()
  stop = null
  renderSignIn(root, signedIn)
}
// The sign-in page follows a language switch; the inbox re-renders itself.
onLocaleChange(() => {
  if (stop === null) renderSignIn(root, signedIn)
})

Api.me().then(signedIn, signedOut)
