#!/bin/sh
# The official image's config.sh registers a runner with a registration token (the older flow in
# docs/github-facts.md). This stand-in only runs just-in-time runners, which need no configuration step.
cat >&2 <<'TEXT'
config.sh is not supported by the RunnerDock stand-in runner image.
Just-in-time runners need no configuration: mint a config with the REST API
(POST .../actions/runners/generate-jitconfig) and start the runner with
  ./run.sh --jitconfig <encoded_jit_config>
or with the same value in ACTIONS_RUNNER_INPUT_JITCONFIG.
TEXT
exit 1
