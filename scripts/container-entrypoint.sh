#!/bin/sh
# Entry point of every container of the image: start this container's metrics afresh, then run
# the command. With PROMETHEUS_MULTIPROC_DIR set, each process writes its figures to files in
# that directory (one per service on a shared volume); they must not outlive the container's
# previous run, and must be emptied before any process of it starts counting.
set -eu
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  rm -rf "$PROMETHEUS_MULTIPROC_DIR"
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi
exec "$@"
