/**
 * `npm run -w @inbox/edge webhook-secret -- <shop id>`: prints the shop's webhook secret, the key its
 * platform connector signs with (derived from INBOX_WEBHOOK_SECRET; see src/auth/Signature.ts).
 */
import { shopWebhookSecret } from "../src/auth/Signature.ts"

const shopId = process.argv[2]
const deployment = process.env.INBOX_WEBHOOK_SECRET
if (shopId === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(shopId)) {
  console.error("usage: npm run -w @inbox/edge webhook-secret -- <shop id>")
  process.exit(2)
}
if (deployment === undefined || deployment === "")
  console.error("INBOX_WEBHOOK_SECRET is not set: this is the secret of the public development default.")
console.log(await shopWebhookSecret(deployment || "inbox-demo-webhook-secret", shopId))
