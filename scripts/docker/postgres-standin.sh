#!/usr/bin/env bash
# A stand-in for the official postgres:15 image, for machines that reach Debian's package registry but no container
# registry (see ../shared/tools/docker-standin.sh for the .NET ones, whose Debian base this reuses). It honours what
# compose.yaml uses of the official image: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, the data directory
# /var/lib/postgresql/data (initialised on first start when empty), pg_isready on the PATH, port 5432 on all
# interfaces with password (scram-sha-256) authentication.
#
#   scripts/docker/postgres-standin.sh      # builds and tags postgres:15 (idempotent)
#
# What it verifies: compose.yaml's wiring (environment, volume, health check, start order), not the official image.
set -euo pipefail
if docker image inspect postgres:15 >/dev/null 2>&1; then
  echo "postgres:15 is already there"
  exit 0
fi
docker image inspect local/dotnet-base:10.0 >/dev/null 2>&1 || {
  echo "postgres-standin: run ../shared/tools/docker-standin.sh first (it builds the Debian base this reuses)" >&2
  exit 1
}
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cat >"$ctx/entrypoint.sh" <<'ENTRY'
#!/usr/bin/env bash
set -euo pipefail
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
data=/var/lib/postgresql/data
bin=/usr/lib/postgresql/15/bin
mkdir -p "$data" /run/postgresql
chown postgres:postgres "$data" /run/postgresql
chmod 700 "$data"
if [[ ! -s "$data/PG_VERSION" ]]; then
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$data/pg_hba.conf"
  if [[ "$db" != postgres ]]; then
    runuser -u postgres -- "$bin/postgres" --single -D "$data" postgres <<<"CREATE DATABASE \"$db\" OWNER \"$user\";" >/dev/null
  fi
  echo "postgres-standin: initialised $data (user $user, database $db)"
fi
exec runuser -u postgres -- "$bin/postgres" -D "$data" -c listen_addresses='*' -c unix_socket_directories=/run/postgresql
ENTRY
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM local/dotnet-base:10.0
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
    && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /usr/share/dotnet /usr/bin/dotnet
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
VOLUME ["/var/lib/postgresql/data"]
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
DOCKERFILE
docker build -q -t postgres:15 "$ctx" >/dev/null
echo "postgres-standin: tagged postgres:15 (Debian's postgresql-15)"
