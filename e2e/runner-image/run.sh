#!/bin/sh
# Stand-in for the official runner's /home/runner/run.sh (actions/runner src/Misc/layoutroot:
# run.sh -> run-helper.sh -> bin/Runner.Listener), in busybox sh, speaking the GitHub API
# emulator's runner protocol (e2e/emulator/runner-protocol.ts) over busybox wget.
#
# Mirrors what RunnerDock relies on (docs/github-facts.md):
# - `run.sh --jitconfig <encoded>` or ACTIONS_RUNNER_INPUT_JITCONFIG; the config's three files are
#   written to the runner's root as Runner.Listener does;
# - the listener's start-up time before it connects, as long as the config says (0 by default);
# - the listener's log lines, word for word (MessageListener.cs, Runner.cs, JobDispatcher.cs),
#   errors on stderr;
# - run-helper.sh's exit code mapping: 0, 1 (terminated), 5 and unknown codes exit 0; 2 (retryable)
#   relaunches the listener; ephemeral: one job, then exit 0 whatever the job's result;
# - a registration deleted while listening: the listener fails (2), is relaunched, and the new
#   session is refused ("Failed to create a session. ...") -> exit 0 (actions/runner #2286);
# - SIGTERM/SIGINT (RUNNER_MANUALLY_TRAP_SIG): cancel the job, end the session, exit 0.
# Deliberate differences: the job's output goes to stdout (the real runner sends it to GitHub), a
# retryable exit relaunches at once (not after 5 s), and connection retries back off from 0.25 s
# to 2 s (not 15-60 s), so tests stay fast.

RUNNER_VERSION='2.330.0'
ROOT=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d 2>/dev/null || echo "$ROOT/_diag")
mkdir -p "$TMP"
UA="GitHubActionsRunner-linux-x64/$RUNNER_VERSION (stand-in)"

session=''
wget_pid=''
job_pid=''
hb_pid=''
job_id=''
job_name=''

stamp() { date -u '+%Y-%m-%d %H:%M:%SZ'; }
err() { printf '%s\n' "$*" >&2; }

# --- arguments: every option can also come as ACTIONS_RUNNER_INPUT_<NAME> (CommandSettings.cs) ---
jitconfig="${ACTIONS_RUNNER_INPUT_JITCONFIG:-}"
unknown=''
version_only=''
while [ $# -gt 0 ]; do
  case "$1" in
    --jitconfig)
      if [ $# -ge 2 ]; then jitconfig="$2"; shift; fi
      ;;
    --jitconfig=*) jitconfig="${1#*=}" ;;
    --version) version_only=1 ;;
    --once | --startuptype | --startuptype=*) ;;
    *) unknown="${unknown:+$unknown, }${1#--}" ;;
  esac
  shift
done

# --- JSON and the JIT config -------------------------------------------------------------------

# json_string JSON KEY: the string value of KEY (a regex-escaped name), JSON escapes undone.
json_string() {
  printf '%s' "$1" | tr '\n' ' ' |
    sed -n -E "s/.*\"$2\"[[:space:]]*:[[:space:]]*\"(([^\"\\\\]|\\\\.)*)\".*/\\1/p" |
    sed -e 's/\\"/"/g' -e 's/\\\//\//g' -e 's/\\\\/\\/g'
}

# json_number JSON KEY: the integer value of KEY.
json_number() {
  printf '%s' "$1" | tr '\n' ' ' | sed -n -E "s/.*\"$2\"[[:space:]]*:[[:space:]]*(-?[0-9]+).*/\\1/p"
}

# Writes .runner, .credentials and .credentials_rsaparams from the JIT config (Runner.cs does the
# same), then loads the settings the listener needs. Fails with .NET's message, as the runner does.
load_jitconfig() {
  outer=$(printf '%s' "$jitconfig" | base64 -d 2>/dev/null)
  runner_b64=$(json_string "$outer" '\.runner')
  credentials_b64=$(json_string "$outer" '\.credentials')
  rsa_b64=$(json_string "$outer" '\.credentials_rsaparams')
  if [ -z "$runner_b64" ] || [ -z "$credentials_b64" ]; then
    err "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters."
    return 1
  fi
  printf '%s' "$runner_b64" | base64 -d >"$ROOT/.runner"
  printf '%s' "$credentials_b64" | base64 -d >"$ROOT/.credentials"
  [ -n "$rsa_b64" ] && printf '%s' "$rsa_b64" | base64 -d >"$ROOT/.credentials_rsaparams"
  settings=$(cat "$ROOT/.runner")
  credentials=$(cat "$ROOT/.credentials")
  server_url=$(json_string "$settings" 'serverUrl')
  agent_name=$(json_string "$settings" 'agentName')
  work_folder=$(json_string "$settings" 'workFolder')
  secret=$(json_string "$credentials" 'runnerSecret')
  client_id=$(json_string "$credentials" 'clientId')
  if [ -z "$server_url" ] || [ -z "$secret" ]; then
    err 'Runner is not configured.'
    return 1
  fi
  # Path.Combine(root, workFolder): an absolute work folder is taken as it is.
  case "$work_folder" in
    /*) work="$work_folder" ;;
    *) work="$ROOT/${work_folder:-_work}" ;;
  esac
}

# The real listener spends seconds starting .NET and creating its session before it connects. The
# emulator says how long in the config (.runner standInStartupDelayMs; absent means none); the wait
# runs in the background so SIGTERM is handled at once.
startup_delay() {
  delay_ms=$(json_number "$settings" 'standInStartupDelayMs')
  [ -n "$delay_ms" ] && [ "$delay_ms" -gt 0 ] || return 0
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))" &
  wait $!
}

# --- the emulator's runner protocol -------------------------------------------------------------

# call METHOD PATH DATA OUT SECONDS: one request; the answer lands in OUT. Runs wget in the
# background and waits, so SIGTERM is handled at once even during a long poll.
call() {
  if [ "$1" = POST ]; then
    timeout "$5" wget -q -Y off -U "$UA" -O "$4" --header "Authorization: Bearer $secret" \
      --post-data "$3" "$server_url$2" 2>"$TMP/wget-error" &
  else
    timeout "$5" wget -q -Y off -U "$UA" -O "$4" --header "Authorization: Bearer $secret" \
      "$server_url$2" 2>"$TMP/wget-error" &
  fi
  wget_pid=$!
  wait "$wget_pid"
  status=$?
  wget_pid=''
  return "$status"
}

# Why the last request failed, in the words .NET's HttpClient would use where they differ.
call_error() {
  message=$(sed -n '1s/^wget: //p' "$TMP/wget-error")
  case "$message" in
    'server returned error: HTTP/1.'[01]' '*)
      code_text=${message#server returned error: HTTP/1.? }
      printf 'Response status code does not indicate success: %s (%s)' \
        "${code_text%% *}" "${code_text#* }"
      ;;
    "can't connect to remote host"*': Connection refused')
      host_port=${server_url#*://}
      printf 'Connection refused (%s)' "${host_port%%/*}"
      ;;
    '') printf 'The operation was canceled' ;;
    *) printf '%s' "$message" ;;
  esac
}

# pause ATTEMPT: a short, growing pause between retries that SIGTERM interrupts.
pause() {
  case "$1" in
    0) delay=0.25 ;;
    1) delay=0.5 ;;
    2) delay=1 ;;
    *) delay=2 ;;
  esac
  sleep "$delay" &
  wait $!
}

# Opens a session (MessageListener.CreateSessionAsync): 0 when open, 1 when the registration is
# gone. An unreachable service is retried until it answers.
create_session() {
  attempt=0
  failing=''
  while :; do
    if call POST /sessions "version=$RUNNER_VERSION" "$TMP/answer" 30; then
      read -r verb session_id heartbeat_seconds <"$TMP/answer"
      echo
      echo '√ Connected to GitHub'
      echo
      case "$verb" in
        session)
          session=$session_id
          heartbeat=${heartbeat_seconds:-1}
          [ -n "$failing" ] && echo "$(stamp): Runner reconnected."
          return 0
          ;;
        deleted)
          err 'Failed to create a session. The runner registration has been deleted from the server, please re-configure.'
          return 1
          ;;
      esac
      printf 'wget: unexpected answer: %s\n' "$verb" >"$TMP/wget-error"
    fi
    if [ -z "$failing" ]; then
      err "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
      failing=1
    fi
    pause "$attempt"
    attempt=$((attempt + 1))
  done
}

# post_until_answered PATH DATA: a POST that matters (job completion), retried while unreachable.
post_until_answered() {
  attempt=0
  failing=''
  until call POST "$1" "$2" "$TMP/posted" 30; do
    if [ -z "$failing" ]; then
      err "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
      failing=1
    fi
    pause "$attempt"
    attempt=$((attempt + 1))
  done
  [ -n "$failing" ] && echo "$(stamp): Runner reconnected."
  return 0
}

# Fetches the job's script into $script (retrying while unreachable).
fetch_script() {
  script="$work/_temp/job-$job_id.sh"
  mkdir -p "$work/_temp"
  attempt=0
  until call GET "/sessions/$session/jobs/$job_id/script" '' "$script" 30; do
    pause "$attempt"
    attempt=$((attempt + 1))
  done
}

# Runs the job's script as its only step (`sh -e {0}`, GitHub's shell when bash is missing) in
# its own process group, heart-beating meanwhile; sets $result.
run_job() {
  echo "$(stamp): Running job: $job_name"
  fetch_script
  rm -f "$TMP/cancelled"
  (
    cd "$work" || exit 1
    export CI=true GITHUB_ACTIONS=true RUNNER_NAME="$agent_name" RUNNER_OS=Linux \
      RUNNER_ARCH=X64 RUNNER_TEMP="$work/_temp" RUNNER_WORKSPACE="$work"
    exec setsid sh -e "$script"
  ) &
  job_pid=$!
  (
    while sleep "$heartbeat"; do
      if call POST "/sessions/$session/jobs/$job_id/heartbeat" '' "$TMP/heartbeat" 30; then
        read -r beat <"$TMP/heartbeat"
        case "$beat" in
          cancelled | deleted)
            : >"$TMP/cancelled"
            kill -TERM -"$job_pid" 2>/dev/null
            exit 0
            ;;
        esac
      fi
    done
  ) &
  hb_pid=$!
  wait "$job_pid" 2>/dev/null
  code=$?
  kill "$hb_pid" 2>/dev/null
  hb_pid=''
  job_pid=''
  if [ -e "$TMP/cancelled" ]; then
    result=Canceled
  elif [ "$code" -eq 0 ]; then
    result=Succeeded
  else
    result=Failed
  fi
}

# Deletes the local config as an ephemeral runner does after its job (ConfigurationManager).
remove_local_config() {
  rm -f "$ROOT/.credentials" "$ROOT/.credentials_rsaparams" "$ROOT/.runner"
  echo '√ Removed .credentials'
  echo '√ Removed .runner'
}

# SIGTERM/SIGINT: what Runner.Listener does on Ctrl-C (CtrlCHandler, then the shutdown path of
# Runner.RunAsync): cancel a running job, delete the session, exit 0.
on_signal() {
  trap '' INT TERM
  echo 'Exiting...'
  [ -n "$wget_pid" ] && kill "$wget_pid" 2>/dev/null
  if [ -n "$job_pid" ]; then
    [ -n "$hb_pid" ] && kill "$hb_pid" 2>/dev/null
    kill -TERM -"$job_pid" 2>/dev/null
    wait "$job_pid" 2>/dev/null
    call POST "/sessions/$session/jobs/$job_id/complete" 'result=Canceled' "$TMP/posted" 3
    echo "$(stamp): Job $job_name completed with result: Canceled"
  fi
  [ -n "$session" ] && call POST "/sessions/$session/delete" '' "$TMP/posted" 3
  echo 'Runner listener exit with 0 return code, stop the service, no retry needed.'
  echo 'Exiting runner...'
  rm -rf "$TMP"
  exit 0
}

# --- Runner.Listener ---------------------------------------------------------------------------

# The listener: 0 success, 1 terminated, 2 retryable (Program.cs return codes).
listener() {
  if [ -n "$version_only" ]; then
    echo "$RUNNER_VERSION"
    return 0
  fi
  if [ -n "$unknown" ]; then
    err "This command does not recognize the command-line input arguments: '$unknown'. For usage refer to: .\\config.cmd --help or ./config.sh --help"
  fi
  if [ -z "$jitconfig" ]; then
    err 'Runner is not configured.'
    return 1
  fi
  load_jitconfig || return 1
  startup_delay
  create_session || return 1
  echo "Current runner version: '$RUNNER_VERSION'"
  echo "$(stamp): Listening for Jobs"
  attempt=0
  failing=''
  while :; do
    if ! call GET "/sessions/$session/message" '' "$TMP/message" 120; then
      if [ -z "$failing" ]; then
        err "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
        failing=1
      fi
      pause "$attempt"
      attempt=$((attempt + 1))
      continue
    fi
    if [ -n "$failing" ]; then
      echo "$(stamp): Runner reconnected."
      failing=''
      attempt=0
    fi
    read -r verb message_job_id message_job_name <"$TMP/message"
    case "$verb" in
      none) ;;
      ended)
        # TaskAgentSessionExpiredException: the listener opens a new session and listens on.
        session=''
        create_session || return 1
        ;;
      deleted)
        session=''
        err "An error occurred: Registration $client_id was not found."
        return 2
        ;;
      job)
        job_id=$message_job_id
        job_name=$message_job_name
        run_job
        post_until_answered "/sessions/$session/jobs/$job_id/complete" "result=$result"
        echo "$(stamp): Job $job_name completed with result: $result"
        call POST "/sessions/$session/delete" '' "$TMP/posted" 3
        session=''
        remove_local_config
        return 0
        ;;
    esac
  done
}

# --- run-helper.sh: the listener's return code decides whether to relaunch ----------------------
run_helper() {
  if [ "$(id -u)" -eq 0 ] && [ -z "$RUNNER_ALLOW_RUNASROOT" ]; then
    echo 'Must not run interactively with sudo'
    return 1
  fi
  listener
  code=$?
  case "$code" in
    0)
      echo 'Runner listener exit with 0 return code, stop the service, no retry needed.'
      return 0
      ;;
    1)
      echo 'Runner listener exit with terminated error, stop the service, no retry needed.'
      return 0
      ;;
    2)
      echo 'Runner listener exit with retryable error, re-launch runner in 5 seconds.'
      return 2
      ;;
    5)
      echo 'Runner listener exit with Session Conflict error, stop the service, no retry needed.'
      return 0
      ;;
    *)
      echo "Exiting with unknown error code: ${code}"
      return 0
      ;;
  esac
}

# --- run.sh --------------------------------------------------------------------------------------
trap on_signal INT TERM
while :; do
  run_helper
  code=$?
  if [ "$code" -eq 2 ]; then
    echo 'Restarting runner...'
  else
    echo 'Exiting runner...'
    rm -rf "$TMP"
    [ -n "$RUNNER_MANUALLY_TRAP_SIG" ] && exit "$code"
    exit 0
  fi
done
