#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb in a temp directory, loopback and a unix socket there only,
# a free port, trust auth (nothing but this machine can reach it), stopped and deleted on exit.
#
#   scripts/test-postgres.sh                      # start one, run `dotnet test` against it, remove it
#   scripts/test-postgres.sh dotnet test tests/ChatCoach.Storage.Contract.Tests
#   source scripts/test-postgres.sh && test_postgres_start   # (.ci/run) exports CHATCOACH_TEST_POSTGRES, traps EXIT
#
# Needs Debian's PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin); with --install, or CI=true, it
# installs the `postgresql` package with apt-get when they are missing (root only).

test_postgres_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

test_postgres_install() {
  if test_postgres_bindir >/dev/null; then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "test-postgres: no PostgreSQL server found; install it with: sudo apt-get install postgresql" >&2
    return 1
  fi
  echo "test-postgres: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || return 1
  apt-get install -y -q --no-install-recommends postgresql >&2 || return 1
  test_postgres_bindir >/dev/null
}

# Runs a command as the cluster's owner: initdb and postgres refuse to run as root.
test_postgres_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$TEST_POSTGRES_OWNER" -- "$@"
  else
    "$@"
  fi
}

test_postgres_start() {
  local bindir port attempt
  if [[ "${1:-}" == "--install" || "${CI:-}" == "true" ]]; then
    test_postgres_install || return 1
  fi
  bindir=$(test_postgres_bindir) || {
    echo "test-postgres: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql, or run with --install as root)" >&2
    return 1
  }

  TEST_POSTGRES_OWNER=$(id -un)
  if [[ $(id -u) -eq 0 ]]; then
    if getent passwd postgres >/dev/null; then TEST_POSTGRES_OWNER=postgres; else TEST_POSTGRES_OWNER=nobody; fi
  fi

  TEST_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/chatcoach-pg.XXXXXX") || return 1
  chmod 700 "$TEST_POSTGRES_DIR"
  [[ $(id -u) -eq 0 ]] && chown "$TEST_POSTGRES_OWNER" "$TEST_POSTGRES_DIR"
  trap test_postgres_stop EXIT

  test_postgres_as_owner "$bindir/initdb" -D "$TEST_POSTGRES_DIR/data" -U chatcoach --auth=trust -E UTF8 --locale=C.UTF-8 >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 || {
    cat "$TEST_POSTGRES_DIR/initdb.log" >&2
    return 1
  }

  # A random port in the dynamic range; pg_ctl fails fast when it is taken, and another is tried.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    if test_postgres_as_owner "$bindir/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $TEST_POSTGRES_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      export CHATCOACH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=chatcoach;Database=postgres"
      echo "test-postgres: PostgreSQL $("$bindir/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (data in $TEST_POSTGRES_DIR)" >&2
      return 0
    fi
  done
  echo "test-postgres: the server did not start; its log:" >&2
  cat "$TEST_POSTGRES_DIR/server.log" >&2
  return 1
}

test_postgres_stop() {
  local bindir
  if [[ -n "${TEST_POSTGRES_DIR:-}" && -d "$TEST_POSTGRES_DIR" ]]; then
    bindir=$(test_postgres_bindir)
    test_postgres_as_owner "$bindir/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$TEST_POSTGRES_DIR"
  fi
  TEST_POSTGRES_DIR=
}

# Executed (not sourced): start, run the command (default: README's `dotnet test`), stop.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  install=
  if [[ "${1:-}" == "--install" ]]; then install=--install; shift; fi
  test_postgres_start $install || exit 1
  if [[ $# -eq 0 ]]; then set -- dotnet test; fi
  "$@"
  status=$?
  test_postgres_stop
  exit "$status"
fi
