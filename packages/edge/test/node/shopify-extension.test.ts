/**
 * The Shopify theme app extension (shopify/extensions/inbox-chat), laid out as Shopify CLI expects: an app
 * embed block targeting `body`, whose settings are labelled in English and French, which loads widget.js
 * with the shop's id and signs a signed-in customer exactly as the inbox checks it.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { ShopperIdentity } from "@inbox/core"
import { Api } from "@inbox/core/wire"
import { assert, describe, it } from "vitest"
import { SHOPIFY_API_VERSION } from "../../src/commerce/shopify/queries.ts"
import { DEFAULT_SCOPES } from "../../src/commerce/shopify/settings.ts"
import { repoRoot } from "../../src/db/client.node.ts"

const extension = join(repoRoot, "shopify/extensions/inbox-chat")
const read = (path: string) => readFileSync(join(extension, path), "utf8")
const liquid = read("blocks/chat.liquid")
const schema = JSON.parse(liquid.match(/{% schema %}([\s\S]*){% endschema %}/)![1]!) as {
  name: string
  target: string
  settings: ReadonlyArray<{ id: string; type: string; label: string; info?: string }>
}

/** `t:blocks.chat.name` → the string at that path of a locale file, or undefined. */
const translate = (locale: unknown, key: string): unknown =>
  key
    .slice(2)
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale)

describe("Shopify theme app extension", () => {
  it("is a theme extension with an app embed block on the body, in the folders Shopify CLI reads", () => {
    assert.match(read("shopify.extension.toml"), /^type = "theme"$/m)
    assert.match(readFileSync(join(repoRoot, "shopify/shopify.app.toml"), "utf8"), /^client_id = /m)
    assert.strictEqual(schema.target, "body")
    assert.deepEqual(
      schema.settings.map((s) => [s.id, s.type]),
      [
        ["inbox_url", "text"],
        ["shop_id", "text"],
      ],
    )
  })

  it("labels the block and its settings in English and French", () => {
    for (const file of ["locales/en.default.schema.json", "locales/fr.schema.json"]) {
      const locale: unknown = JSON.parse(read(file))
      for (const key of [schema.name, ...schema.settings.flatMap((s) => [s.label, s.info ?? s.label])])
        assert.isString(translate(locale, key), `${file}: ${key}`)
    }
  })

  it("loads widget.js for the shop and signs the customer's id and email as the inbox checks them", () => {
    assert.include(liquid, "{{ inbox | append: '/widget.js' }}")
    assert.include(liquid, 'data-shop="{{ shop_id | escape }}"')
    assert.include(liquid, 'data-customer-signature="{{ signed | hmac_sha256: secret }}"')
    const signed = liquid.match(/{%- capture signed -%}(.*){%- endcapture -%}/)?.[1]
    assert.strictEqual(signed, ShopperIdentity.signedText("{{ customer.id }}", "{{ customer.email }}"))
  })

  it("the app's configuration asks for the inbox's scopes and API version and points at its declared routes", () => {
    const app = readFileSync(join(repoRoot, "shopify/shopify.app.toml"), "utf8")
    const value = (key: string) => app.match(new RegExp(`^${key} = "([^"]*)"$`, "m"))?.[1]
    assert.strictEqual(value("scopes"), DEFAULT_SCOPES)
    assert.strictEqual(value("api_version"), SHOPIFY_API_VERSION)
    assert.strictEqual(value("application_url"), `https://inbox.example.com${Api.shopify.install.path}`)
    assert.strictEqual(value("uri"), `https://inbox.example.com${Api.shopify.webhooks.path}`)
    assert.include(app, `redirect_urls = ["https://inbox.example.com${Api.shopify.callback.path}"]`)
    assert.include(app, 'compliance_topics = ["customers/data_request", "customers/redact", "shop/redact"]')
  })
})
