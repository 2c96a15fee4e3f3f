/**
 * Reads a secret from standard input: a pasted line with echo off on a terminal, or the whole
 * input when piped (`echo "$TOKEN" | runnerdock token set`). Never from argv, where other users
 * of the machine can read it in the process list.
 */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer))
    return Buffer.concat(chunks).toString('utf8').trim()
  }
  output.write(prompt)
  input.setRawMode(true)
  input.resume()
  return new Promise((resolve) => {
    let value = ''
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false)
          input.pause()
          input.off('data', onData)
          output.write('\n')
          resolve(value.trim())
          return
        }
        if (char === '\u0003') {
          input.setRawMode(false)
          output.write('\n')
          process.exit(130)
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char
      }
    }
    input.on('data', onData)
  })
}
