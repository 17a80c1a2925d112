#!/usr/bin/env bash
# Entrypoint of the compose stack's rabbitmq service: starts the image's own entrypoint,
# waits for the node, then makes sure each service has its user, with the password from
# the environment (<SERVICE>_AMQP_PASSWORD) and the permissions of permissions.tsv in the
# vhost RABBITMQ_DEFAULT_VHOST. Idempotent: runs at every start, so a changed password or
# permission in .env / permissions.tsv is applied by restarting the container.
set -euo pipefail

vhost=${RABBITMQ_DEFAULT_VHOST:?}
permissions=/etc/mlops/rabbitmq/permissions.tsv

# No default passwords: refuse to start the broker at all without every one of them.
refuse() {
  echo "rabbitmq-init: $1 is not set; run scripts/compose-secrets (it writes .env)" >&2
  exit 78
}
[[ -n ${RABBITMQ_DEFAULT_PASS:-} ]] || refuse RABBITMQ_ADMIN_PASSWORD
while IFS=$'\t' read -r user _; do
  [[ -z $user || $user == \#* ]] && continue
  variable="$(tr 'a-z-' 'A-Z_' <<<"$user")_AMQP_PASSWORD"
  [[ -n ${!variable:-} ]] || refuse "$variable"
done <"$permissions"

docker-entrypoint.sh rabbitmq-server &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"' TERM INT

rabbitmqctl await_startup --timeout 120 >/dev/null
while IFS=$'\t' read -r user configure write read; do
  [[ -z $user || $user == \#* ]] && continue
  variable="$(tr 'a-z-' 'A-Z_' <<<"$user")_AMQP_PASSWORD"
  password=${!variable:?$variable must be set}
  if rabbitmqctl -q list_users | cut -f1 | grep -qx -- "$user"; then
    rabbitmqctl -q change_password "$user" "$password" >/dev/null
  else
    rabbitmqctl -q add_user "$user" "$password" >/dev/null
  fi
  rabbitmqctl -q set_permissions -p "$vhost" "$user" "$configure" "$write" "$read" >/dev/null
  echo "rabbitmq-init: $user may use only its own queues in $vhost"
done <"$permissions"

wait "$server"
