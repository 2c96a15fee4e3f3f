#!/usr/bin/env bash
# Installs and starts what RunnerDock's tests need on a Debian machine, as root. Idempotent:
# a machine that already has everything is left as it is. Used by .ci/run; developers may run it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(docker.io podman netavark gnome-keyring libsecret-1-dev dbus dbus-x11 chromium busybox-static iproute2 fonts-dejavu-core prometheus)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Podman's default container ulimits exceed these machines' hard limits ("error setting rlimit
# type 7"): containers get none (docs/platform-notes.md). A file someone else wrote is left alone.
containers_conf=/etc/containers/containers.conf
if [ ! -e "$containers_conf" ]; then
  echo "== writing $containers_conf"
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n' >"$containers_conf"
elif ! grep -q '^default_ulimits = \[\]' "$containers_conf"; then
  echo "== WARNING: $containers_conf exists without 'default_ulimits = []' under [containers];" \
    "Podman containers may fail with \"error setting rlimit type 7\" (npm run test:podman)"
fi

if ! docker info >/dev/null 2>&1; then
  echo "== starting dockerd"
  # setsid: the daemon must outlive this script's process group.
  setsid dockerd >/tmp/runnerdock-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    docker info >/dev/null 2>&1 && break
    sleep 0.2
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start:"; tail -20 /tmp/runnerdock-dockerd.log; exit 1; }
fi
echo "== docker $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
echo "== $(podman --version)"
