/** Text modules bundled by wrangler's `Text` rule (drizzle's migrations). */
declare module "*.sql" {
  const text: string
  export default text
}
