/** Entry of the demo storefront page (`/store`, `/store/:shopId`): products, cart and the chat bubble. */
import "./styles/base.css"
import "./styles/store.css"
import * as Store from "./api/storefront.ts"
import { h } from "./components/element.ts"
import { errorText } from "./i18n/Locale.ts"
import { startStorefront } from "./screens/storefront/Storefront.ts"

const root = document.getElementById("store")!
const shopId = location.pathname.match(/^\/store\/([A-Za-z0-9_-]+)/)?.[1] ?? "demo"

Store.store(shopId).then(
  (page) => startStorefront(root, page),
  (e) => root.replaceChildren(h("p", { class: "store-error", role: "alert" }, errorText(e))),
)
