#!/usr/bin/env bash
# Make sure the system tools named as arguments are on PATH: install them with apt-get when
# running as root on Debian, otherwise stop with one line naming the command to run.
# Usage: scripts/require-tools.sh ffmpeg [redis-server] [nginx]
set -euo pipefail

package_of() {
  case "$1" in
    ffmpeg) echo ffmpeg ;;
    redis-server) echo redis-server ;;
    *) echo "$1" ;;
  esac
}

present() {
  case "$1" in
    ffmpeg) command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null ;;
    # Debian puts it in /usr/sbin, outside most users' PATH.
    nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] ;;
    *) command -v "$1" >/dev/null ;;
  esac
}

missing() {
  need=()
  for tool in "$@"; do
    present "$tool" || need+=("$(package_of "$tool")")
  done
}

missing "$@"
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  missing "$@"
  [ ${#need[@]} -eq 0 ] && exit 0
fi
echo "Missing ${need[*]}: install with 'sudo apt-get install -y ${need[*]}' (or your system's package manager), then run again." >&2
exit 1
