#!/bin/bash
# Removes what scripts/install.sh installed under ROOT: the files listed in
# share/mltutor/installed, then the folders the install created, deepest first. A folder
# that holds something else is left, with a line saying so.
#
# Usage: scripts/uninstall.sh ROOT
set -euo pipefail

fail() { echo "uninstall: $*" >&2; exit 1; }
[ $# -eq 1 ] || fail "usage: scripts/uninstall.sh ROOT"
root=${1%/}
listing=$root/share/mltutor/installed
[ -f "$listing" ] || fail "no mltutor installed under $root (there is no $listing)"

declare -a files=() dirs=()
while read -r kind path; do
  case $kind in
  file) files+=("$path") ;;
  dir) dirs+=("$path") ;;
  *) fail "$listing: unexpected line '$kind $path'" ;;
  esac
done <"$listing"

for path in "${files[@]}"; do
  rm -f "$root$path"
done
for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do
  dir=$root${dirs[i]}
  [ -d "$dir" ] || continue
  rmdir "$dir" 2>/dev/null || echo "uninstall: left $dir: it holds something mltutor did not install" >&2
done
echo "removed mltutor from $root"
