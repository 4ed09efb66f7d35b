#!/bin/bash
# Prints the Depends field of mltutor's Debian package: the package that provides each shared
# library BIN needs (its NEEDED entries, found where the dynamic loader finds them), as dpkg
# knows them. libc6 gets at least the C library version BIN was linked on.
#
# Usage: scripts/deb-depends.sh BIN
# Fails, naming the library, when no Debian package provides one (the Swift runtime from a
# toolchain's folder: link it into the binary with scripts/link-static.py).
set -euo pipefail

fail() { echo "deb-depends: $*" >&2; exit 1; }
[ $# -eq 1 ] || fail "usage: scripts/deb-depends.sh BIN"
bin=$1
[ -f "$bin" ] || fail "$bin: no such file"

# owner PATH: the package that installed PATH (under / or /usr: dpkg may know either).
owner() {
  local path=$1 candidate
  for candidate in "$path" "/usr$path" "${path#/usr}" "$(readlink -f "$path")"; do
    [ -n "$candidate" ] || continue
    if found=$(dpkg -S "$candidate" 2>/dev/null); then
      echo "${found%%:*}"
      return 0
    fi
  done
  return 1
}

declare -A where=()
while read -r name arrow path _; do
  [ "$arrow" = "=>" ] && where[$name]=$path
done < <(ldd "$bin")

declare -a packages=()
for needed in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  case $needed in ld-linux*) needed=libc.so.6 ;; esac
  path=${where[$needed]:-}
  [ -n "$path" ] && [ "$path" != "not" ] || fail "$bin needs $needed, which this machine does not have"
  package=$(owner "$path") ||
    fail "$bin needs $needed ($path), which no Debian package provides: link the Swift runtime into the binary (scripts/link-static.py; \`make deb\` without BIN does)"
  packages+=("$package")
done

glibc=$(dpkg-query -W -f='${Version}' libc6 | sed 's/-[^-]*$//')
printf '%s\n' "${packages[@]}" | sort -u | sed "s/^libc6\$/libc6 (>= $glibc)/" | paste -sd, | sed 's/,/, /g'
