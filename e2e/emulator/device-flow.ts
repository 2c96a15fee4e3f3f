// GitHub's OAuth device flow (docs: "Authorizing OAuth apps", device flow): the app shows a user
// code, polls for the token, and must honour `authorization_pending`, `slow_down` (interval + 5 s)
// and `expired_token`. A test plays the user by approving the code.
import { randomBytes } from 'node:crypto'

/** Timing of the flow; GitHub uses a 5 s interval and 15 min expiry. */
export interface DeviceFlowSettings {
  readonly intervalSeconds: number
  readonly expiresInSeconds: number
}

/** What `POST /login/device/code` answers. */
export interface DeviceCodeGrant {
  readonly device_code: string
  readonly user_code: string
  readonly verification_uri: string
  readonly expires_in: number
  readonly interval: number
}

/** What `POST /login/oauth/access_token` answers. */
export type DeviceTokenAnswer =
  | { readonly access_token: string; readonly token_type: 'bearer'; readonly scope: string }
  | {
      readonly error:
        | 'authorization_pending'
        | 'slow_down'
        | 'expired_token'
        | 'incorrect_device_code'
        | 'unsupported_grant_type'
        | 'access_denied'
      readonly error_description: string
      readonly error_uri: string
      readonly interval?: number
    }

interface DeviceRecord {
  readonly deviceCode: string
  readonly userCode: string
  readonly clientId: string
  readonly scope: string
  readonly expiresAt: number
  interval: number
  lastPollAt: number | null
  token: string | null
  redeemed: boolean
}

/** The grant type a device-flow token request must carry. */
export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code'
const ERROR_URI =
  'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow'
const DESCRIPTIONS = {
  authorization_pending: 'The authorization request is still pending.',
  slow_down: 'Too many requests have been made in the same timeframe.',
  expired_token: 'The device_code has expired.',
  incorrect_device_code: 'The device_code provided is not valid.',
  unsupported_grant_type: 'The grant type is not supported.',
  access_denied: 'The authorization request was denied.',
} as const

/** Pending and approved device codes. */
export class DeviceFlow {
  settings: DeviceFlowSettings = { intervalSeconds: 5, expiresInSeconds: 900 }
  private readonly devices = new Map<string, DeviceRecord>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a flow for an app (`client_id`) asking for `scope`. */
  start(clientId: string, scope: string, verificationUri: string): DeviceCodeGrant {
    const { intervalSeconds, expiresInSeconds } = this.settings
    const letters = 'BCDFGHJKLMNPQRSTVWXZ'
    const pick = () => letters[randomBytes(1)[0]! % letters.length]
    const userCode = `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`
    const record: DeviceRecord = {
      deviceCode: randomBytes(20).toString('hex'),
      userCode,
      clientId,
      scope,
      expiresAt: this.now() + expiresInSeconds * 1000,
      interval: intervalSeconds,
      lastPollAt: null,
      token: null,
      redeemed: false,
    }
    this.devices.set(record.deviceCode, record)
    return {
      device_code: record.deviceCode,
      user_code: userCode,
      verification_uri: verificationUri,
      expires_in: expiresInSeconds,
      interval: intervalSeconds,
    }
  }

  /** The app polls for its token. */
  poll(deviceCode: string, grantType: string): DeviceTokenAnswer {
    if (grantType !== DEVICE_GRANT_TYPE) return failure('unsupported_grant_type')
    const record = this.devices.get(deviceCode)
    if (!record || record.redeemed) return failure('incorrect_device_code')
    const now = this.now()
    if (now >= record.expiresAt) return failure('expired_token')
    const tooSoon = record.lastPollAt !== null && now - record.lastPollAt < record.interval * 1000
    record.lastPollAt = now
    if (tooSoon) {
      record.interval += 5
      return { ...failure('slow_down'), interval: record.interval }
    }
    if (record.token === null) return failure('authorization_pending')
    record.redeemed = true
    return { access_token: record.token, token_type: 'bearer', scope: record.scope }
  }

  /** The user enters the code and approves; returns the scope asked for, or null if unknown. */
  approve(userCode: string, token: string): { scope: string } | null {
    const wanted = userCode.toUpperCase().replace(/[^A-Z]/g, '')
    for (const record of this.devices.values()) {
      if (record.userCode.replace('-', '') === wanted && record.token === null) {
        record.token = token
        return { scope: record.scope }
      }
    }
    return null
  }

  /** Forgets every flow and restores GitHub's timing. */
  reset(): void {
    this.devices.clear()
    this.settings = { intervalSeconds: 5, expiresInSeconds: 900 }
  }
}

function failure(error: keyof typeof DESCRIPTIONS): DeviceTokenAnswer {
  return { error, error_description: DESCRIPTIONS[error], error_uri: ERROR_URI }
}
