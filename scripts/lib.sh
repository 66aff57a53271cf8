# Shared by scripts/test.sh and scripts/test-pg.sh (sourced, not run).

# install_or_explain PACKAGE WHAT HINT...: installs a Debian package with apt when
# running as root; otherwise prints HINT (one line per argument) and exits 1.
install_or_explain() {
  local package="$1" what="$2"
  shift 2
  if [[ "$(id -u)" == "0" ]]; then
    echo "Installerar $package för $what…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    printf '%s\n' "$@" >&2
    exit 1
  fi
}

# step NAME COMMAND...: runs one layer of the suite and times it. A failure is
# recorded in failed_steps and the script goes on, so every layer runs.
# STEP_WHERE (e.g. " på PostgreSQL") is appended to the name in the output.
failed_steps=()
step() {
  local name="$1"
  shift
  local started=$SECONDS
  echo
  echo "=== $name${STEP_WHERE:-} ==="
  if "$@"; then
    echo "--- $name${STEP_WHERE:-}: klart på $((SECONDS - started)) s"
  else
    echo "--- $name${STEP_WHERE:-}: MISSLYCKADES efter $((SECONDS - started)) s"
    failed_steps+=("$name")
  fi
}
