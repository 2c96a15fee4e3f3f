// Kubernetes' naming rules for the objects an export names (RFC 1123, as the API server applies
// them): namespaces are DNS labels, secrets DNS subdomains.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** A valid namespace name (at most 63 lowercase letters, digits and inner hyphens). */
export function isDnsLabel(name: string, max = 63): boolean {
  return name.length <= max && DNS_LABEL.test(name)
}

/** A valid secret name (at most 253 characters; dot-separated DNS labels). */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
}
