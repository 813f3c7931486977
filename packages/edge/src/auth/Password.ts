/** Staff passwords: PBKDF2-SHA256 through WebCrypto (same code on Node and Workers), compared in constant time. */

const ITERATIONS = 100_000
const encoder = new TextEncoder()

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const unb64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

const derive = async (password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"])
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

export const constantTimeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>` */
export const hashPassword = async (password: string, iterations = ITERATIONS): Promise<string> => {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, iterations)
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(hash)}`
}

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, iter, salt, hash] = stored.split("$")
  if (scheme !== "pbkdf2-sha256" || iter === undefined || salt === undefined || hash === undefined)
    return false
  const iterations = Number(iter)
  if (!Number.isInteger(iterations) || iterations < 1) return false
  return constantTimeEqual(await derive(password, unb64(salt), iterations), unb64(hash))
}

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
export const decoyHash =
  "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
