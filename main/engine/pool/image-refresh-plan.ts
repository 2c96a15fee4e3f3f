import type { ImageFacts } from '../docker/docker-port'

/** How often the registry is asked whether the image's tag moved (a manifest request only). */
export const IMAGE_CHECK_MS = 60 * 60_000
/** A tag the registry cannot be asked about is pulled again after this long. */
export const IMAGE_MAX_AGE_MS = 24 * 60 * 60_000

/** What to do about the runner image now. */
export type ImageRefreshDecision =
  | { readonly kind: 'current' }
  | { readonly kind: 'pull'; readonly why: 'tag-moved' | 'unchecked-a-day' }
  | { readonly kind: 'local-build' }

/**
 * Whether to pull the runner image again. GitHub refuses runners too far behind the latest
 * release, so a tag like `latest` must follow its registry: pull when the registry's digest is
 * not one the local image has, or, when the registry cannot be asked, when no pull confirmed it
 * for a day. An image built here (no registry digests) is left alone. Pure.
 */
export function decideImageRefresh(input: {
  readonly local: ImageFacts | null
  /** The registry's digest for the tag, or null when it could not be asked. */
  readonly remote: string | null
  /** When a pull or a registry answer last confirmed the image (0: never in this run). */
  readonly confirmedAt: number
  readonly now: number
}): ImageRefreshDecision {
  const { local, remote } = input
  if (local !== null && local.repoDigests.length === 0) return { kind: 'local-build' }
  if (remote !== null) {
    const held = local?.repoDigests.some((d) => d.endsWith(`@${remote}`)) ?? false
    return held ? { kind: 'current' } : { kind: 'pull', why: 'tag-moved' }
  }
  return input.now - input.confirmedAt >= IMAGE_MAX_AGE_MS
    ? { kind: 'pull', why: 'unchecked-a-day' }
    : { kind: 'current' }
}

/** Days since an image was built, for the doctor's warning; null when the image does not say. */
export function imageAgeDays(facts: ImageFacts | null, now: number): number | null {
  if (facts?.createdAt == null) return null
  return Math.floor((now - facts.createdAt) / (24 * 60 * 60_000))
}
