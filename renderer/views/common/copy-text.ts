/**
 * Puts text on the clipboard. Resolves to an error message instead of throwing: the browser may
 * refuse (no focus, no permission) and the user should be told, not the console.
 */
export async function copyText(text: string): Promise<string | null> {
  try {
    if (!navigator.clipboard)
      return 'This browser does not allow copying from here. Select the text and copy it instead.'
    await navigator.clipboard.writeText(text)
    return null
  } catch (error) {
    return `Could not copy: ${error instanceof Error ? error.message : String(error)}`
  }
}
