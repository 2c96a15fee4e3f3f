#!/bin/sh
# Stand-in for the official runner's /home/runner/run.sh (actions/runner src/Misc/layoutroot:
# run.sh -> run-helper.sh -> bin/Runner.Listener), in busybox sh, speaking the GitHub API
# emulator's runner protocol (e2e/emulator/runner-protocol.ts) over busybox wget.
#
# Mirrors what RunnerDock relies on (docs/github-facts.md):
# - `run.sh --jitconfig <encoded>` or ACTIONS_RUNNER_INPUT_JITCONFIG; the config's three files are
#   written to the runner's root as Runner.Listener does;
# - the listener's start-up time before it connects, as long as the config says (0 by default);
# - the listener's terminal lines, word for word (MessageListener.cs, Runner.cs, JobDispatcher.cs),
#   errors on stderr;
# - its diagnostic trace on stdout, as ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1 prints it
#   (StdoutTraceListener.cs: `[RUNNER <time> INFO <class>] ...`; Terminal.cs traces each terminal
#   line as "WRITE LINE: ..." just before printing it), and in _diag/Runner_<time>-utc.log;
# - the worker's trace in _diag/Worker_<time>-utc.log only: the listener reads the worker's
#   stdout and keeps it (JobDispatcher.cs), so no WORKER line reaches the container's stdout;
# - the job's step output in page files, not on stdout: _diag/pages/<timeline>_<record>_1.log,
#   UTF-8 with a byte order mark, each line stamped with its UTC time (Logging.cs, PagingLogger);
# - run-helper.sh's exit code mapping: 0, 1 (terminated), 5 and unknown codes exit 0; 2 (retryable)
#   relaunches the listener; ephemeral: one job, then exit 0 whatever the job's result;
# - a registration deleted while listening: the listener fails (2), is relaunched, and the new
#   session is refused ("Failed to create a session. ...") -> exit 0 (actions/runner #2286);
# - SIGTERM/SIGINT (RUNNER_MANUALLY_TRAP_SIG): cancel the job, end the session, exit 0.
# Deliberate differences (e2e/runner-image/README.md): a retryable exit relaunches at once (not
# after 5 s), connection retries back off from 0.25 s to 2 s (not 15-60 s), far fewer trace lines,
# page lines are written one by one (the worker flushes 4 KB at a time) and stay after upload.

RUNNER_VERSION='2.330.0'
ROOT=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d 2>/dev/null || echo "$ROOT/_tmp")
mkdir -p "$TMP"
UA="GitHubActionsRunner-linux-x64/$RUNNER_VERSION (stand-in)"
# The runner's diagnostics (HostContext.cs: <root>/_diag). RunnerDock mounts a folder of its own
# here and reads the page files.
DIAG="$ROOT/_diag"
mkdir -p "$DIAG/pages" 2>/dev/null
RUNNER_LOG="$DIAG/Runner_$(date -u '+%Y%m%d-%H%M%S')-utc.log"
WORKER_LOG=''

session=''
wget_pid=''
job_pid=''
hb_pid=''
job_id=''
job_name=''

stamp() { date -u '+%Y-%m-%d %H:%M:%SZ'; }

# --- trace and terminal (Tracing.cs, StdoutTraceListener.cs, HostTraceListener.cs, Terminal.cs) ---

# rtrace LEVEL CLASS MESSAGE: one listener trace event, on stdout with its host and in the
# listener's _diag file without it. LEVEL is CRIT, 'ERR ' (sic), WARN, INFO or VERB.
rtrace() {
  t=$(stamp)
  printf '[RUNNER %s %s %s] %s\n' "$t" "$1" "$2" "$3"
  printf '[%s %s %s] %s\n' "$t" "$1" "$2" "$3" >>"$RUNNER_LOG" 2>/dev/null
}

# rtrace_more LINE: a further line of a multi-line trace message (an exception's stack): 2.330
# prints it as it is, without a header.
rtrace_more() {
  printf '%s\n' "$1"
  printf '%s\n' "$1" >>"$RUNNER_LOG" 2>/dev/null
}

# wtrace LEVEL CLASS MESSAGE: one worker trace event, in the worker's _diag file.
wtrace() {
  [ -n "$WORKER_LOG" ] || return 0
  printf '[%s %s %s] %s\n' "$(stamp)" "$1" "$2" "$3" >>"$WORKER_LOG" 2>/dev/null
}

# Terminal.WriteLine traces the line, then prints it; WriteError traces it, then prints it on
# stderr; WriteSuccessMessage prints "√ " and the line without a trace.
term_line() {
  rtrace INFO Terminal "WRITE LINE: $1"
  printf '%s\n' "$1"
}
term_error() {
  rtrace 'ERR ' Terminal "WRITE ERROR: $1"
  printf '%s\n' "$1" >&2
}
term_success() { printf '√ %s\n' "$1"; }

# trace_exception CLASS WHAT: Trace.Error(ex) of an HttpRequestException for the last failed
# request, with its inner SocketException and (a little of) their stacks.
trace_exception() {
  rtrace 'ERR ' "$1" "$2"
  reason=$(call_error)
  rtrace 'ERR ' "$1" "System.Net.Http.HttpRequestException: $reason"
  case "$reason" in
    'Connection refused'*) rtrace_more ' ---> System.Net.Sockets.SocketException (111): Connection refused' ;;
    'Network is unreachable'*) rtrace_more ' ---> System.Net.Sockets.SocketException (101): Network is unreachable' ;;
    'Name or service not known'*) rtrace_more ' ---> System.Net.Sockets.SocketException (0xFFFDFFFF): Name or service not known' ;;
  esac
  rtrace_more '   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)'
  rtrace_more '   --- End of inner exception stack trace ---'
  rtrace_more "   at GitHub.Runner.Listener.MessageListener.CreateSessionAsync(CancellationToken token)"
}

# --- page files (Logging.cs, PagingLogger) -----------------------------------------------------

uuid() { cat /proc/sys/kernel/random/uuid; }

# DateTime.UtcNow.ToString("O"); busybox date has no fractions of a second.
page_stamp() { date -u '+%Y-%m-%dT%H:%M:%S.0000000Z'; }

# page_open RECORD: starts the first page of a timeline record (a step); $page names it.
page_open() {
  page="$DIAG/pages/${timeline}_${1}_1.log"
  printf '\357\273\277' >"$page" 2>/dev/null
}

# page_line TEXT: one line of the record's log.
page_line() { printf '%s %s\n' "$(page_stamp)" "$1" >>"$page" 2>/dev/null; }

# page_lines: every line of stdin into the page, stamped as it arrives (awk: no process per line).
page_lines() {
  TZ=UTC awk -v page="$page" '{ print strftime("%Y-%m-%dT%H:%M:%S.0000000Z") " " $0 >> page; fflush(page) }'
}

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
    term_error "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters."
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
    term_error 'Runner is not configured.'
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
      printf 'Connection refused (%s)' "$(endpoint)"
      ;;
    "can't connect to remote host"*': Network is unreachable')
      printf 'Network is unreachable (%s)' "$(endpoint)"
      ;;
    "can't connect to remote host"*': No route to host')
      printf 'No route to host (%s)' "$(endpoint)"
      ;;
    'bad address'*)
      printf 'Name or service not known (%s)' "$(endpoint)"
      ;;
    '') printf 'The operation was canceled' ;;
    *) printf '%s' "$message" ;;
  esac
}

# The service's host:port as .NET names it in socket errors (the port even when it is implied).
endpoint() {
  host_port=${server_url#*://}
  host_port=${host_port%%/*}
  case "$host_port" in
    *:*) printf '%s' "$host_port" ;;
    *) case "$server_url" in http:*) printf '%s:80' "$host_port" ;; *) printf '%s:443' "$host_port" ;; esac ;;
  esac
}

# pause ATTEMPT CLASS: a short, growing pause between retries that SIGTERM interrupts.
pause() {
  case "$1" in
    0) delay=0.25 ;;
    1) delay=0.5 ;;
    2) delay=1 ;;
    *) delay=2 ;;
  esac
  [ -n "$2" ] && rtrace INFO "$2" "Sleeping for $delay seconds before retrying."
  sleep "$delay" &
  wait $!
}

# Opens a session (MessageListener.CreateSessionAsync): 0 when open, 1 when the registration is
# gone. An unreachable service is retried until it answers.
create_session() {
  attempt=0
  failing=''
  while :; do
    rtrace INFO MessageListener 'Attempt to create session.'
    rtrace INFO MessageListener 'Connecting to the Runner Server...'
    if call POST /sessions "version=$RUNNER_VERSION" "$TMP/answer" 30; then
      read -r verb session_id heartbeat_seconds <"$TMP/answer"
      rtrace INFO MessageListener 'VssConnection created'
      term_line ''
      term_success 'Connected to GitHub'
      term_line ''
      case "$verb" in
        session)
          session=$session_id
          heartbeat=${heartbeat_seconds:-1}
          rtrace INFO MessageListener 'Session created.'
          [ -n "$failing" ] && term_line "$(stamp): Runner reconnected."
          return 0
          ;;
        deleted)
          rtrace 'ERR ' MessageListener 'Catch exception during create session.'
          term_error 'Failed to create a session. The runner registration has been deleted from the server, please re-configure.'
          return 1
          ;;
      esac
      printf 'wget: unexpected answer: %s\n' "$verb" >"$TMP/wget-error"
    fi
    trace_exception MessageListener 'Catch exception during create session.'
    if [ -z "$failing" ]; then
      term_error "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
      failing=1
    fi
    pause "$attempt" MessageListener
    attempt=$((attempt + 1))
  done
}

# post_until_answered PATH DATA: a POST that matters (job completion), retried while unreachable.
post_until_answered() {
  attempt=0
  failing=''
  until call POST "$1" "$2" "$TMP/posted" 30; do
    if [ -z "$failing" ]; then
      term_error "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
      failing=1
    fi
    pause "$attempt" JobDispatcher
    attempt=$((attempt + 1))
  done
  [ -n "$failing" ] && term_line "$(stamp): Runner reconnected."
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

# The worker's "Set up job" record: what the real one writes first (JobExtension.cs).
setup_job_page() {
  page_open "$(uuid)"
  page_line "Current runner version: '$RUNNER_VERSION'"
  page_line "Runner name: '$agent_name'"
  page_line "Machine name: '$(hostname)'"
  page_line 'Secret source: Actions'
  page_line 'Prepare workflow directory'
  page_line 'Prepare all required actions'
  page_line "Complete job name: $job_name"
}

# Runs the job's script as its only step (`sh -e {0}`, GitHub's shell when bash is missing) in
# its own process group, heart-beating meanwhile; its output goes to the step's page file, as the
# worker's does. Sets $result.
run_job() {
  term_line "$(stamp): Running job: $job_name"
  job_guid=$(uuid)
  rtrace INFO JobDispatcher "Job request $job_id for plan $(uuid) job $job_guid received."
  rtrace INFO JobDispatcher "Start renew job request $job_id for job $job_guid."
  fetch_script
  rm -f "$TMP/cancelled"
  rtrace INFO JobDispatcher "Send job request message to worker for job $job_guid."
  WORKER_LOG="$DIAG/Worker_$(date -u '+%Y%m%d-%H%M%S')-utc.log"
  wtrace INFO Worker "Version: $RUNNER_VERSION"
  wtrace INFO Worker 'Commit: stand-in'
  timeline=$(uuid)
  setup_job_page
  first_line=$(sed -n '/[^[:space:]]/{p;q;}' "$script")
  wtrace INFO StepsRunner "Processing step: DisplayName='Run $first_line'"
  page_open "$(uuid)"
  page_line "##[group]Run $first_line"
  page_lines <"$script"
  page_line 'shell: /bin/sh -e {0}'
  page_line '##[endgroup]'
  rm -f "$TMP/step.fifo"
  mkfifo "$TMP/step.fifo"
  page_lines <"$TMP/step.fifo" &
  pager_pid=$!
  (
    cd "$work" || exit 1
    export CI=true GITHUB_ACTIONS=true RUNNER_NAME="$agent_name" RUNNER_OS=Linux \
      RUNNER_ARCH=X64 RUNNER_TEMP="$work/_temp" RUNNER_WORKSPACE="$work"
    exec setsid sh -e "$script"
  ) >"$TMP/step.fifo" 2>&1 &
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
  # What the step left running would hold its output open: the worker ends it too ("Cleaning up
  # orphan processes").
  kill -TERM -"$job_pid" 2>/dev/null
  job_pid=''
  wait "$pager_pid" 2>/dev/null
  if [ -e "$TMP/cancelled" ]; then
    result=Canceled
    worker_code=103
    page_line '##[error]The operation was canceled.'
  elif [ "$code" -eq 0 ]; then
    result=Succeeded
    worker_code=100
  else
    result=Failed
    worker_code=102
    page_line "##[error]Process completed with exit code $code."
  fi
  page_open "$(uuid)"
  page_line 'Cleaning up orphan processes'
  wtrace INFO JobRunner "Job result after all job steps finish: $result"
  rtrace INFO JobDispatcher "Worker finished for job $job_guid. Code: $worker_code"
  rtrace INFO JobDispatcher "finish job request for job $job_guid with result: $result"
}

# Deletes the local config as an ephemeral runner does after its job (ConfigurationManager).
remove_local_config() {
  rm -f "$ROOT/.credentials" "$ROOT/.credentials_rsaparams" "$ROOT/.runner"
  term_success 'Removed .credentials'
  term_success 'Removed .runner'
}

# SIGTERM/SIGINT: what Runner.Listener does on Ctrl-C (CtrlCHandler, then the shutdown path of
# Runner.RunAsync): cancel a running job, delete the session, exit 0.
on_signal() {
  trap '' INT TERM
  term_line 'Exiting...'
  [ -n "$wget_pid" ] && kill "$wget_pid" 2>/dev/null
  if [ -n "$job_pid" ]; then
    [ -n "$hb_pid" ] && kill "$hb_pid" 2>/dev/null
    kill -TERM -"$job_pid" 2>/dev/null
    wait "$job_pid" 2>/dev/null
    call POST "/sessions/$session/jobs/$job_id/complete" 'result=Canceled' "$TMP/posted" 3
    term_line "$(stamp): Job $job_name completed with result: Canceled"
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
  rtrace INFO HostContext 'No proxy settings were found based on environmental variables (http_proxy/https_proxy/HTTP_PROXY/HTTPS_PROXY)'
  rtrace INFO Listener 'Runner is built for Linux (X64) - linux-x64.'
  rtrace INFO Listener "RuntimeInformation: $(uname -s) $(uname -r) $(uname -v)."
  rtrace INFO Listener "Version: $RUNNER_VERSION"
  rtrace INFO Listener 'Commit: stand-in'
  rtrace INFO Listener "Validating directory permissions for: '$ROOT'"
  rtrace INFO Listener 'Arguments parsed'
  if [ -n "$unknown" ]; then
    term_error "This command does not recognize the command-line input arguments: '$unknown'. For usage refer to: .\\config.cmd --help or ./config.sh --help"
  fi
  rtrace INFO Runner 'ExecuteCommand'
  if [ -n "$version_only" ]; then
    term_line "$RUNNER_VERSION"
    return 0
  fi
  if [ -z "$jitconfig" ]; then
    term_error 'Runner is not configured.'
    return 1
  fi
  load_jitconfig || return 1
  startup_delay
  rtrace INFO Runner 'RunAsync'
  create_session || return 1
  term_line "Current runner version: '$RUNNER_VERSION'"
  term_line "$(stamp): Listening for Jobs"
  attempt=0
  failing=''
  while :; do
    if ! call GET "/sessions/$session/message" '' "$TMP/message" 120; then
      rtrace 'ERR ' MessageListener 'Catch exception during get next message.'
      if [ -z "$failing" ]; then
        term_error "$(stamp): Runner connect error: $(call_error). Retrying until reconnected."
        failing=1
      fi
      pause "$attempt" MessageListener
      attempt=$((attempt + 1))
      continue
    fi
    if [ -n "$failing" ]; then
      term_line "$(stamp): Runner reconnected."
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
        term_error "An error occurred: Registration $client_id was not found."
        return 2
        ;;
      job)
        job_id=$message_job_id
        job_name=$message_job_name
        rtrace INFO MessageListener "Message '$job_id' received from session '$session'."
        run_job
        post_until_answered "/sessions/$session/jobs/$job_id/complete" "result=$result"
        term_line "$(stamp): Job $job_name completed with result: $result"
        rtrace INFO JobDispatcher "Stop renew job request for job $job_guid."
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
