/**
 * Entry of the demo shop's theme (served by the demo storefront on its own origin, `/` and
 * `/products/<handle>`): products, the Ajax cart, the language switch. The chat comes from widget.js.
 */
import "./styles/base.css"
import "./styles/store.css"
import { h } from "./components/element.ts"
import { startStorefront } from "./screens/storefront/Storefront.ts"
import { catalogueOnPage } from "./screens/storefront/ThemeCart.ts"

const root = document.getElementById("store")!
try {
  startStorefront(root, catalogueOnPage(), document.title)
} catch {
  root.replaceChildren(
    h("p", { class: "store-error", role: "alert" }, "This page is served by the demo store."),
  )
}
