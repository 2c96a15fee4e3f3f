import { z } from 'zod'
import { err, ok, type Result } from '../../../common/result'

// GitHub's OAuth device flow: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow
const codeSchema = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string().url(),
  expires_in: z.number(),
  interval: z.number(),
})
const tokenSchema = z.union([
  z.object({
    access_token: z.string().min(1),
    token_type: z.string(),
    scope: z.string().optional(),
  }),
  z.object({
    error: z.string(),
    error_description: z.string().optional(),
    interval: z.number().optional(),
  }),
])

/** A started device flow: what the user types, where, and until when. */
export interface DeviceCode {
  readonly deviceCode: string
  readonly userCode: string
  readonly verificationUri: string
  readonly expiresAt: number
  readonly intervalMs: number
}

async function postForm(
  url: string,
  body: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
    signal,
  })
  if (!response.ok)
    throw new Error(`GitHub answered ${response.status} at ${new URL(url).pathname}`)
  return response.json()
}

/** Asks GitHub for a user code (step 1). */
export async function requestDeviceCode(
  webUrl: string,
  clientId: string,
  scope: string,
  now = Date.now(),
): Promise<Result<DeviceCode, string>> {
  try {
    const raw = await postForm(
      `${webUrl}/login/device/code`,
      { client_id: clientId, scope },
      AbortSignal.timeout(15_000),
    )
    const data = codeSchema.parse(raw)
    return ok({
      deviceCode: data.device_code,
      userCode: data.user_code,
      verificationUri: data.verification_uri,
      expiresAt: now + data.expires_in * 1000,
      intervalMs: data.interval * 1000,
    })
  } catch (error) {
    return err(
      `Could not start "Sign in with GitHub": ${(error as Error).message}. Check the network, or paste a token instead.`,
    )
  }
}

/**
 * Polls until the user approves (step 3), honouring `slow_down`, and gives up at expiry or when
 * `signal` aborts. The token it returns goes straight to the keychain.
 */
export async function pollForToken(
  webUrl: string,
  clientId: string,
  code: DeviceCode,
  signal: AbortSignal,
  now = Date.now,
): Promise<Result<string, string>> {
  let interval = code.intervalMs
  while (now() < code.expiresAt) {
    await new Promise((resolve) => setTimeout(resolve, interval))
    if (signal.aborted) return err('Sign-in was cancelled.')
    let raw: unknown
    try {
      raw = await postForm(
        `${webUrl}/login/oauth/access_token`,
        {
          client_id: clientId,
          device_code: code.deviceCode,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        },
        AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
      )
    } catch (error) {
      if (signal.aborted) return err('Sign-in was cancelled.')
      return err(`Could not finish "Sign in with GitHub": ${(error as Error).message}.`)
    }
    const data = tokenSchema.safeParse(raw)
    if (!data.success)
      return err('GitHub answered the sign-in in an unexpected way. Paste a token instead.')
    if ('access_token' in data.data) return ok(data.data.access_token)
    switch (data.data.error) {
      case 'authorization_pending':
        continue
      case 'slow_down':
        interval = (data.data.interval ?? interval / 1000 + 5) * 1000
        continue
      case 'expired_token':
        return err('The code expired before it was entered. Start "Sign in with GitHub" again.')
      case 'access_denied':
        return err('Sign-in was denied on GitHub.')
      default:
        return err(`GitHub refused the sign-in: ${data.data.error_description ?? data.data.error}.`)
    }
  }
  return err('The code expired before it was entered. Start "Sign in with GitHub" again.')
}
