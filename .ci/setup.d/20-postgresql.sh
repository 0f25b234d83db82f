# PostgreSQL for the store's tests: install Debian's server, start a cluster, create a role
# and database that may create per-test databases, and export SAIDWHAT_TEST_POSTGRES_URL.
# Sourced by .ci/run as root (set -euo pipefail); idempotent, so it may run again.
if ! command -v pg_lsclusters > /dev/null 2>&1 || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null; then
  apt-get update -qq
  apt-get install -y -qq postgresql > /dev/null
fi
_sw_pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${_sw_pg_version} main"; then
  pg_createcluster "${_sw_pg_version}" main > /dev/null
fi
_sw_pg_port="$(pg_lsclusters -h | awk -v v="${_sw_pg_version}" '$1 == v && $2 == "main" {print $3}')"
if ! pg_lsclusters -h | awk -v v="${_sw_pg_version}" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "${_sw_pg_version}" main start
fi
# Wait for the server to accept connections (start can return before it does).
for _sw_try in $(seq 1 30); do
  if su postgres -c "psql -p ${_sw_pg_port} -tAc 'select 1'" > /dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -p ${_sw_pg_port} -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saidwhat') THEN
    CREATE ROLE saidwhat LOGIN CREATEDB PASSWORD 'saidwhat';
  END IF;
END
$$;
SQL
if ! su postgres -c "psql -p ${_sw_pg_port} -tAc \"select 1 from pg_database where datname = 'saidwhat_test'\"" | grep -q 1; then
  su postgres -c "createdb -p ${_sw_pg_port} -O saidwhat saidwhat_test"
fi
export SAIDWHAT_TEST_POSTGRES_URL="postgresql+psycopg://saidwhat:saidwhat@127.0.0.1:${_sw_pg_port}/saidwhat_test"
unset _sw_pg_version _sw_pg_port _sw_try
