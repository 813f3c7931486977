/** Staff sign-in (seeded demo: owner@demo.shop / inbox-demo). */
import * as Api from "../../api/merchant.ts"
import type { Session } from "../../api/types.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { errorText, ui } from "../../i18n/Locale.ts"
import { languageSwitch } from "./TopBar.ts"

export const renderSignIn = (root: HTMLElement, onSignedIn: (s: Session) => void): void => {
  const t = ui().signIn
  const error = h("p", { class: "signin__error", role: "alert" })
  const email = h("input", {
    class: "input",
    type: "email",
    name: "email",
    id: "signin-email",
    autocomplete: "username",
    required: true,
  })
  const password = h("input", {
    class: "input",
    type: "password",
    name: "password",
    id: "signin-password",
    autocomplete: "current-password",
    required: true,
  })
  const submit = h("button", { type: "submit", class: "button button--primary button--wide" }, t.submit)
  replaceChildren(root, [
    h(
      "main",
      { class: "signin" },
      h(
        "form",
        {
          class: "signin__card",
          "aria-labelledby": "signin-title",
          onsubmit: async (e: Event) => {
            e.preventDefault()
            submit.disabled = true
            error.textContent = ""
            try {
              const s = await Api.login(email.value, password.value)
              onSignedIn({ staff: s.staff, shop: s.shop })
            } catch (err) {
              error.textContent = (err as { status?: number }).status === 401 ? t.failed : errorText(err)
              submit.disabled = false
            }
          },
        },
        h(
          "div",
          { class: "signin__brand" },
          h("span", { class: "logo", "aria-hidden": "true" }),
          ui().appName,
        ),
        h("h1", { id: "signin-title", class: "signin__title" }, t.title),
        h("p", { class: "muted" }, t.subtitle),
        h("label", { class: "label", for: "signin-email" }, t.email),
        email,
        h("label", { class: "label", for: "signin-password" }, t.password),
        password,
        error,
        submit,
        h("p", { class: "signin__hint" }, t.demoHint),
        h("div", { class: "signin__lang" }, languageSwitch()),
      ),
    ),
  ])
  email.focus()
}
