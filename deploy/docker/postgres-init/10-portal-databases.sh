#!/bin/sh
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d):
# one login role and one database per service in PORTAL_DATABASES, each owned by its role, closed
# to everybody else. A service's password comes from <NAME>_DB_PASSWORD.
set -eu
for name in ${PORTAL_DATABASES:?list the service databases}; do
  upper=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "${upper}_DB_PASSWORD" || true)
  if [ -z "$password" ]; then
    echo "set ${upper}_DB_PASSWORD" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
