// The grammar of an image reference (distribution/reference, reference.go): an optional registry
// host with port, lowercase path components joined by '/', an optional tag and an optional digest.
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
)

/**
 * Why a string cannot be a Docker image reference, or null when it can. Checked in the settings
 * form and again by the engine at save, so a name Docker could never pull is refused at the field
 * instead of failing every runner after Start.
 */
export function imageReferenceProblem(image: string): string | null {
  const name = image.trim()
  if (name === '') return 'Enter an image name, like ghcr.io/actions/actions-runner:latest.'
  if (/\s/.test(name)) return `"${name}" has a space: an image name has none.`
  if (name.length > 255 || !REFERENCE.test(name)) {
    const path = name.split('@')[0]!.replace(/:[\w][\w.-]*$/, '')
    const repo = path.includes('/') ? path.slice(path.indexOf('/') + 1) : path
    if (repo !== repo.toLowerCase())
      return `"${name}" has capital letters in its repository name, which Docker refuses. Use lowercase, like ghcr.io/actions/actions-runner:latest.`
    return `"${name}" is not a valid image name. Use a name like ghcr.io/actions/actions-runner:latest.`
  }
  return null
}
