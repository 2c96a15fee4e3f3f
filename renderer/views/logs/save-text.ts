/** A file name for saved logs: the source and the local time, safe on every file system. */
export function logFileName(runner: string | null, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  const source = (runner ?? 'all-runners').replace(/[^A-Za-z0-9._-]/g, '_')
  return `runnerdock-${source}-${stamp}.log`
}

/**
 * Saves text as a download (Blob + object URL + a temporary link): works in every browser and, in
 * Electron, goes through the download handler without any file-system access in the renderer.
 */
export function saveTextFile(name: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  doc.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
