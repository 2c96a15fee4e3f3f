// A tar archive (POSIX ustar) of a few in-memory files: what `PUT /containers/{id}/archive`
// takes to put files into a container's volumes. Only what that needs: regular files and folders,
// short names, owned by root.

/** One entry: a folder (`data` null) or a file. `name` is relative, at most 100 bytes. */
export interface TarEntry {
  readonly name: string
  readonly data: Buffer | null
  readonly mode: number
}

const BLOCK = 512

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'ascii')
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`
}

/** The archive of `entries`, in order; a name that does not fit is a bug of the caller. */
export function tarOf(entries: readonly TarEntry[], mtimeSeconds = 0): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    const name = entry.data === null && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name
    if (Buffer.byteLength(name) > 100 || name.startsWith('/') || name.split('/').includes('..'))
      throw new Error(`tar entry name ${JSON.stringify(name)} does not fit`)
    const size = entry.data?.length ?? 0
    const header = Buffer.alloc(BLOCK, 0)
    field(header, 0, 100, name)
    field(header, 100, 8, octal(entry.mode & 0o7777, 8))
    field(header, 108, 8, octal(0, 8))
    field(header, 116, 8, octal(0, 8))
    field(header, 124, 12, octal(size, 12))
    field(header, 136, 12, octal(Math.floor(mtimeSeconds), 12))
    header.fill(0x20, 148, 156)
    field(header, 156, 1, entry.data === null ? '5' : '0')
    field(header, 257, 6, 'ustar\0')
    field(header, 263, 2, '00')
    field(header, 265, 32, 'root')
    field(header, 297, 32, 'root')
    let sum = 0
    for (const byte of header) sum += byte
    field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
    parts.push(header)
    if (entry.data) {
      parts.push(entry.data)
      const pad = (BLOCK - (size % BLOCK)) % BLOCK
      if (pad > 0) parts.push(Buffer.alloc(pad, 0))
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0))
  return Buffer.concat(parts)
}
