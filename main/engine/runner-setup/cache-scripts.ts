// The shell that fills and reads the caches (docs/caches.md), in POSIX sh with only what busybox
// and coreutils both have (`cp -a`, `mv -T`, `ln -s`), so it runs in the runner image itself.
//
// A target's cache volume holds published tool-cache entries at tools/<tool>/<version>/<arch>:
// an entry exists there only whole, because it arrives by one rename. A runner never writes the
// volume (it is mounted read-only); it gets a private tool cache of its own, seeded with a symbolic
// link and a `.complete` marker per published entry, which @actions/tool-cache's `find` follows.
// What a job installs lands in the private cache; after the runner is gone its new complete
// entries are copied into the volume's .incoming/ and renamed into place. Two runners that filled
// the same entry race only at that rename, and `mv -T` onto a non-empty directory fails, so the
// first one stays and the second copy is dropped.

/**
 * `seed PUBLISHED PRIVATE LINK`: links every published entry the private tool cache lacks (as
 * LINK/<tool>/<version>/<arch>, the path the runner sees) and marks it complete; prints how many.
 * An entry the private cache has in any form (a job is filling it) is left alone. No command in
 * it fails the caller: the runner runs the job-started hook with \`bash -e\`, and any other exit
 * than 0 would fail the job.
 */
export const SEED_FUNCTION = `seed() {
  n=0
  for entry in "$1"/*/*/*; do
    [ -d "$entry" ] || continue
    rel=\${entry#"$1"/}
    dir=$2/$rel
    if [ -e "$dir" ] || [ -L "$dir" ] || [ -e "$dir.complete" ]; then continue; fi
    mkdir -p "\${dir%/*}" || continue
    ln -s "$3/$rel" "$dir" 2>/dev/null || continue
    : > "$dir.complete" 2>/dev/null || continue
    n=$((n + 1))
  done
  echo "$n"
}`

/**
 * \`publish PRIVATE PUBLISHED INCOMING\`: copies each complete entry a job made in the private tool
 * cache (a real directory with its \`.complete\` marker, not a seeded link) into INCOMING, then
 * renames it to PUBLISHED/<tool>/<version>/<arch>; an entry published first by another runner wins.
 * The private cache was written by a job, so no link it made is followed, at any level.
 */
export const PUBLISH_FUNCTION = `publish() {
  mkdir -p "$2" "$3" || return 1
  n=0
  i=0
  for marker in "$1"/*/*/*.complete; do
    [ -f "$marker" ] && [ ! -L "$marker" ] || continue
    dir=\${marker%.complete}
    rel=\${dir#"$1"/}
    tool=\${rel%%/*}
    version=\${rel#*/}
    version=\${version%%/*}
    if [ -L "$1/$tool" ] || [ -L "$1/$tool/$version" ] || [ -L "$dir" ] || [ ! -d "$dir" ]; then continue; fi
    [ -e "$2/$rel" ] && continue
    i=$((i + 1))
    tmp=$3/$i
    rm -rf "$tmp"
    if cp -a "$dir" "$tmp" && mkdir -p "$2/$tool/$version" && mv -T "$tmp" "$2/$rel" 2>/dev/null; then
      n=$((n + 1))
      echo "published $rel"
    else
      rm -rf "$tmp"
    fi
  done
  echo "published $n"
}`

/** Where the runner sees its target's cache volume, read-only. */
export const CACHE_MOUNT = '/opt/runnerdock/cache'

/**
 * The tool cache path when the runner has no host work folder: the path GitHub's hosted runners
 * use, because setup-python's Linux builds are compiled for it and cannot move (actions/setup-python
 * docs/advanced-usage.md: set AGENT_TOOLSDIRECTORY to /opt/hostedtoolcache on self-hosted Linux).
 */
export const HOSTED_TOOL_CACHE = '/opt/hostedtoolcache'

/** The variable the official runner reads for a script to run before each job's first step. */
export const JOB_STARTED_HOOK = 'ACTIONS_RUNNER_HOOK_JOB_STARTED'

/** Inside a tool cache: the job-started hook RunnerDock writes there (a dot name no tool has). */
export const HOOK_FILE = '.runnerdock/job-started.sh'

/**
 * The attach helper (root, /cache = the target's volume, /tools = the runner's new private tool
 * cache): makes the volume's folders, drops staging a killed helper left (a day old), lets the
 * runner's user write its private cache, seeds it, and writes the job-started hook from $HOOK. $1
 * is where the runner sees the volume's tools.
 */
export const ATTACH_SCRIPT = `set -u
${SEED_FUNCTION}
mkdir -p /cache/tools /cache/actions /cache/.incoming || exit 1
chmod 0755 /cache /cache/tools /cache/actions
find /cache/.incoming -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null
chmod 0777 /tools
umask 0
linked=$(seed /cache/tools /tools "$1") || exit 1
mkdir -p /tools/.runnerdock && printf '%s\\n' "$HOOK" > /tools/${HOOK_FILE} && chmod 0755 /tools/${HOOK_FILE} || exit 1
echo "linked $linked"`

/**
 * The job-started hook (run by the runner as its user before a job's first step, from
 * ACTIONS_RUNNER_HOOK_JOB_STARTED): links what other runners published since this one was made,
 * so a runner that waited idle still starts its job with the newest cache.
 */
export function jobStartedHook(toolCache: string): string {
  return `#!/bin/sh
# RunnerDock: link tool-cache entries published since this runner was made (docs/caches.md).
${SEED_FUNCTION}
linked=$(seed ${CACHE_MOUNT}/tools '${toolCache}' ${CACHE_MOUNT}/tools) || exit 0
[ "$linked" = 0 ] || echo "RunnerDock: $linked more cached tool(s) from this target's cache."
exit 0`
}

/**
 * The release helper (root, /tools = the runner's private tool cache read-only, /cache = the
 * target's volume): publishes what its job installed, through a staging folder of its own ($1, a
 * name unique to this run); prints `published N` last.
 */
export const RELEASE_SCRIPT = `set -u
${PUBLISH_FUNCTION}
umask 022
publish /tools /cache/tools "/cache/.incoming/$1"
status=$?
rm -rf "/cache/.incoming/$1"
exit $status`
