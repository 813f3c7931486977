/**
 * The test Worker's bindings as seen by `env` from `cloudflare:workers`: those of wrangler.toml come from the
 * generated src/do/worker-configuration.d.ts (`npm run types:worker`); these are the tests' own.
 */
declare namespace Cloudflare {
  interface Env {
    readonly INBOX_SESSION_SECRET: string
    readonly INBOX_PRESENCE_GRACE_MS: string
    readonly INBOX_VAPID_PUBLIC_KEY: string
    /** The sqld started by setup/sqld.ts. */
    readonly SQLD_URL: string
    /** The HTTP receiver started by setup/receiver.ts (email provider and platform webhooks). */
    readonly RECEIVER_URL: string
    readonly INBOX_WEBHOOK_SECRET: string
    readonly INBOX_META_APP_SECRET: string
    readonly INBOX_META_VERIFY_TOKEN: string
    /** A local send_email binding (wrangler.test.jsonc), for the binding sender's own test. */
    readonly EMAIL_SANDBOX: import("../../src/do/channels.ts").SendEmailBinding
    readonly FC_NUM_RUNS: string
    readonly FC_SEED: string
  }
}

/** Fixtures read as text by Vite's `?raw` suffix. */
declare module "*.eml?raw" {
  const text: string
  export default text
}
