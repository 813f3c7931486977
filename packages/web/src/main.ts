/** Entry of the merchant inbox page (`/`): sign in, then the live inbox. */
import "./styles/base.css"
import "./styles/inbox.css"
import * as Api from "./api/merchant.ts"
import type { Session } from "./api/types.ts"
import { startInbox } from "./screens/inbox/InboxApp.ts"
import { renderSignIn } from "./screens/inbox/SignIn.ts"

const root = document.getElementById("app")!

const signedIn = (session: Session) => startInbox(root, session, signedOut)
const signedOut = () => renderSignIn(root, signedIn)

Api.me().then(signedIn, signedOut)
