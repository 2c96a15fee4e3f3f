// The SIGKILL test's child: appends records in a loop and prints "appended <id>" after each one is
// flushed, until it is killed. Arguments: the history folder, a run name and the retention count.
import { testJobRecord } from '../../../../common/testing/job-records'
import { openJobHistory } from '../job-history'

async function main(): Promise<void> {
  const [dir, run, maxCount] = process.argv.slice(2)
  if (!dir || !run || !maxCount) throw new Error('usage: append-child DIR RUN MAX_COUNT')
  const opened = await openJobHistory(dir, { retention: { maxCount: Number(maxCount) } })
  if (!opened.ok) throw new Error(opened.error.message)
  process.stdout.write('ready\n')
  for (let n = 0; ; n++) {
    const id = `${run}-${n}`
    const appended = await opened.value.append(testJobRecord({ id, recordedAt: Date.now() }))
    if (!appended.ok) throw new Error(appended.error.message)
    // Written only after the record is flushed: whatever the parent reads here must survive.
    process.stdout.write(`appended ${id}\n`)
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`)
  process.exit(1)
})
