#!/usr/bin/env bash
# A throwaway local Redis Cluster for tests: three primaries and three replicas on loopback.
#
#   .ci/redis-cluster.sh start DIR BASEPORT   starts nodes on BASEPORT..BASEPORT+5, keeping their
#                                             config, logs and pid files in DIR, waits until the
#                                             cluster is ok, and prints its URL (the form
#                                             REDIS_CLUSTER_URL and REDIS_URL take) on stdout
#   .ci/redis-cluster.sh stop DIR             stops the nodes started in DIR and removes DIR
#   .ci/redis-cluster.sh restart DIR PORT     starts again the node of DIR on PORT (one that was
#                                             killed: a failover test's), with its old cluster
#                                             config and nothing else: it rejoins the cluster
#                                             empty, as the replica of whichever node took its
#                                             slots over (restart it only once one has, or it
#                                             comes back an empty primary of its slots)
#
# CI runs the suite against one (.ci/run); a developer can do the same by hand:
#
#   url=$(.ci/redis-cluster.sh start /tmp/tasdeeq-dev-cluster 7201)
#   REDIS_CLUSTER_URL=$url go test -count=1 -p 1 ./...
#   .ci/redis-cluster.sh stop /tmp/tasdeeq-dev-cluster
#
# The directory and the ports are arguments so that several clusters (CI's, a developer's, a
# failover test's own) can run side by side. Nothing is persisted: each start is an empty cluster.
set -euo pipefail

usage() { echo "usage: $0 start DIR BASEPORT | stop DIR | restart DIR PORT" >&2; exit 2; }

# A file of this name marks a directory as made by this script, so that stop never removes (or
# kills the pids listed in) a directory it did not make.
marker=.tasdeeq-redis-cluster

port_open() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# alive tells whether pid runs. A daemonized node's parent is init, which in a container may not
# reap it: an exited node left as a zombie counts as stopped.
alive() { [ -n "$1" ] && [ -e "/proc/$1" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }

stop() {
  local dir=$1
  if [ ! -e "$dir/$marker" ]; then
    [ -e "$dir" ] && echo "$dir was not made by $0: left alone" >&2
    return 0
  fi
  local pidfile pid
  for pidfile in "$dir"/redis-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null || true)
    # Only a redis-server of this directory is stopped: a stale pid file may name a pid that has
    # since been given to an unrelated process.
    if [ -n "$pid" ] && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  for pidfile in "$dir"/redis-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null || true)
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
  done
  rm -rf "$dir"
}

# node starts the node of port $2 in directory $1 (absolute), daemonized. A replica syncs without
# the default 5 s wait for other replicas to join the same transfer (repl-diskless-sync-delay):
# until its first sync it cannot take over from its primary.
node() {
  redis-server --port "$2" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$1/nodes-$2.conf" \
    --cluster-node-timeout 2000 --save "" --appendonly no --repl-diskless-sync-delay 0 --daemonize yes --dir "$1" \
    --pidfile "$1/redis-$2.pid" --logfile "$1/redis-$2.log"
}

restart() {
  local dir=$1 p=$2 pid
  case $p in '' | *[!0-9]*) usage ;; esac
  if [ ! -e "$dir/$marker" ] || [ ! -e "$dir/nodes-$p.conf" ]; then echo "$dir has no node on port $p made by $0" >&2; return 1; fi
  dir=$(cd "$dir" && pwd)
  pid=$(cat "$dir/redis-$p.pid" 2>/dev/null || true)
  if alive "$pid" && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then echo "the node on port $p still runs (pid $pid)" >&2; return 1; fi
  # A node killed with SIGKILL leaves its pid file, which redis-server overwrites.
  node "$dir" "$p"
  for _ in $(seq 100); do redis-cli -p "$p" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the node on port $p did not start again:" >&2; tail -5 "$dir/redis-$p.log" >&2; return 1
}

start() {
  local dir=$1 base=$2
  case $base in '' | *[!0-9]*) usage ;; esac
  command -v redis-server >/dev/null 2>&1 || { echo "redis-server is not installed" >&2; return 1; }
  command -v redis-cli >/dev/null 2>&1 || { echo "redis-cli is not installed (Debian: redis-tools)" >&2; return 1; }
  # A directory left by an earlier run that was not stopped holds node configs that would make
  # `--cluster create` refuse the nodes as not empty.
  stop "$dir"
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then echo "$dir exists and is not empty" >&2; return 1; fi
  local ports=() p i
  for i in 0 1 2 3 4 5; do
    p=$((base + i))
    if port_open "$p"; then echo "port $p is taken: choose another BASEPORT" >&2; return 1; fi
    ports+=("$p")
  done
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)   # redis-server resolves --dir itself, but the files below must agree
  touch "$dir/$marker"
  for p in "${ports[@]}"; do node "$dir" "$p"; done
  for p in "${ports[@]}"; do
    for _ in $(seq 100); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
    if ! redis-cli -p "$p" ping >/dev/null 2>&1; then
      echo "the node on port $p did not start:" >&2; tail -5 "$dir/redis-$p.log" >&2; stop "$dir"; return 1
    fi
  done
  local addrs=()
  for p in "${ports[@]}"; do addrs+=("127.0.0.1:$p"); done
  if ! redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1; then
    echo "redis-cli --cluster create failed:" >&2; tail -20 "$dir/create.log" >&2; stop "$dir"; return 1
  fi
  # Every node must see the cluster as ok (all slots served), not only the first: a client may
  # ask any of them for the slot map.
  local ok
  for _ in $(seq 200); do
    ok=yes
    for p in "${ports[@]}"; do
      redis-cli -p "$p" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || { ok=""; break; }
    done
    [ -n "$ok" ] && break
    sleep 0.1
  done
  if [ -z "$ok" ]; then
    echo "the cluster did not become ok within 20 s:" >&2; redis-cli -p "$base" cluster info >&2 || true; stop "$dir"; return 1
  fi
  # And every replica has had its first sync: a replica that never had one refuses to be promoted
  # ("disconnected from master for longer than allowed"), so a failover test could not fail over.
  for _ in $(seq 200); do
    ok=yes
    for p in "${ports[@]}"; do
      info=$(redis-cli -p "$p" info replication 2>/dev/null) || { ok=""; break; }
      if grep -q '^role:slave' <<<"$info" && ! grep -q '^master_link_status:up' <<<"$info"; then ok=""; break; fi
    done
    [ -n "$ok" ] && break
    sleep 0.1
  done
  if [ -z "$ok" ]; then
    echo "the replicas did not sync with their primaries within 20 s" >&2; stop "$dir"; return 1
  fi
  echo "redis://127.0.0.1:$base?addr=127.0.0.1:$((base + 1))&addr=127.0.0.1:$((base + 2))"
}

case ${1:-} in
start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
stop) [ $# -eq 2 ] || usage; stop "$2" ;;
restart) [ $# -eq 3 ] || usage; restart "$2" "$3" ;;
*) usage ;;
esac
