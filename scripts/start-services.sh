#!/usr/bin/env bash
# Starts the local PostgreSQL, MariaDB and Redis servers that the store tests use, when they are
# installed but not running. A server that is not installed is left alone: outside CI its tests
# are skipped with a message, in CI (CI=true) they fail.
set -u

wait_for() { # name, probe command...
  local name=$1; shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then echo "$name: up"; return 0; fi
    sleep 1
  done
  echo "$name: did not come up" >&2
  return 1
}

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
  fi
  wait_for postgresql pg_isready -q -h 127.0.0.1 -p 5432
else
  echo "postgresql: not installed"
fi

if [ -x /usr/sbin/mariadbd ]; then
  if ! mariadb-admin --protocol=tcp -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
  wait_for mariadb mariadb-admin --protocol=tcp -h 127.0.0.1 -u root ping
else
  echo "mariadb: not installed"
fi

if command -v redis-server >/dev/null 2>&1; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_for redis redis-cli -h 127.0.0.1 -p 6379 ping
else
  echo "redis: not installed"
fi
exit 0
