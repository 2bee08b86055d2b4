#!/usr/bin/env bash
# Run once by the postgres image, on an empty data directory, as the superuser (POSTGRES_USER).
# Makes the login role the ledger service connects as: a member of the group role
# ledger_service, owning nothing. The service's migrations (run at boot as the
# owner, through MIGRATION_DATABASE_URL) grant ledger_service what it may do.
set -euo pipefail
: "${LEDGER_SERVICE_PASSWORD:?set LEDGER_SERVICE_PASSWORD for the service role}"
LEDGER_SERVICE_USER="${LEDGER_SERVICE_USER:-ledger_app}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v service_user="$LEDGER_SERVICE_USER" -v service_password="$LEDGER_SERVICE_PASSWORD" <<'EOSQL'
SELECT 'CREATE ROLE ledger_service NOLOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_service') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE ledger_service', :'service_user', :'service_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'service_user') \gexec
EOSQL
