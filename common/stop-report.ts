import { z } from 'zod'
import { formatTarget, targetSchema } from './target'

/** A container of this installation that a stop could not remove. */
export const containerLeftSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  problem: z.string(),
})

/** A container left behind. */
export type ContainerLeft = z.infer<typeof containerLeftSchema>

/** A runner registration a stop could not delete (GitHub busy or not answering). */
export const registrationLeftSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  target: targetSchema,
  problem: z.string(),
})

/** A registration left behind. */
export type RegistrationLeft = z.infer<typeof registrationLeftSchema>

/**
 * What a stop left behind, computed after the stop from what Docker and GitHub still hold, never
 * from what was attempted: "everything was removed" is only said when both were asked.
 */
export const stopReportSchema = z.object({
  at: z.number(),
  containersLeft: z.array(containerLeftSchema),
  registrationsLeft: z.array(registrationLeftSchema),
  /** Docker answered the final listing (otherwise `containersLeft` may be incomplete). */
  dockerChecked: z.boolean(),
  /** GitHub answered the final listing (otherwise `registrationsLeft` lists only what we know). */
  githubChecked: z.boolean(),
})
/** What a stop left behind. */
export type StopReport = z.infer<typeof stopReportSchema>

/** Whether nothing is left and both Docker and GitHub confirmed it. */
export function stopComplete(report: StopReport): boolean {
  return (
    report.containersLeft.length === 0 &&
    report.registrationsLeft.length === 0 &&
    report.dockerChecked &&
    report.githubChecked
  )
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The stop report in the user's words, one line per fact, with what to do about each leftover:
 * the same text for `up`, `serve`, the dashboard and the desktop notification.
 */
export function describeStopReport(report: StopReport, webUrl: string): string[] {
  if (stopComplete(report))
    return ['Stopped. Every runner container and registration this pool made has been removed.']
  const lines: string[] = []
  const { containersLeft: containers, registrationsLeft: registrations } = report
  if (containers.length > 0) {
    const ids = containers.map((c) => c.id.slice(0, 12)).join(' ')
    lines.push(
      `${plural(containers.length, 'runner container', 'runner containers')} could not be removed: ${containers.map((c) => `${c.name} (${c.problem})`).join('; ')}. Run "runnerdock doctor --fix" or remove ${containers.length === 1 ? 'it' : 'them'} with "docker rm -f ${ids}".`,
    )
  }
  if (!report.dockerChecked)
    lines.push(
      'Docker did not answer, so RunnerDock could not check that every runner container is gone. Run "runnerdock doctor --fix" once Docker is back.',
    )
  if (registrations.length > 0) {
    const pages = [...new Set(registrations.map((r) => runnersPage(webUrl, r.target)))]
    lines.push(
      `${plural(registrations.length, 'runner registration', 'runner registrations')} could not be deleted (${registrations.map((r) => `${r.name}: ${r.problem}`).join('; ')}). ${registrations.length === 1 ? 'It is' : 'They are'} removed the next time RunnerDock starts, or delete ${registrations.length === 1 ? 'it' : 'them'} at ${pages.join(' and ')}.`,
    )
  }
  if (!report.githubChecked && registrations.length === 0)
    lines.push(
      'GitHub did not answer, so RunnerDock could not check that every registration is gone; it checks again the next time it starts.',
    )
  return lines
}

/** The settings page where a target's runners are listed on GitHub. */
export function runnersPage(webUrl: string, target: z.infer<typeof targetSchema>): string {
  const base = webUrl.replace(/\/+$/, '')
  return target.kind === 'repo'
    ? `${base}/${formatTarget(target)}/settings/actions/runners`
    : `${base}/organizations/${target.org}/settings/actions/runners`
}
