/** Entry of the API reference page (`/api/docs` → `/docs.html`): the OpenAPI document, operation by operation. */
import "./styles/base.css"
import "./styles/reference.css"
import { Api } from "@inbox/core/wire"
import { call } from "./api/http.ts"
import { h } from "./components/element.ts"
import { errorText } from "./i18n/Locale.ts"
import { renderReference } from "./screens/reference/Reference.ts"

const root = document.getElementById("reference")!

call(Api.reference.openApi, {}).then(
  (document) => renderReference(root, document),
  (e) => root.replaceChildren(h("p", { role: "alert" }, errorText(e))),
)
