#!/bin/bash
# Installs mltutor under ROOT (the Makefile passes $(DESTDIR)$(PREFIX)):
#   bin/mltutor, share/mltutor/Lessons/ (the course and its data), share/man/man1/mltutor.1,
#   and the bash, zsh and fish completions.
# The manual page and the completions are generated from the command definitions by the
# binary itself, so they say what `mltutor --help` says.
#
# Usage: scripts/install.sh BIN ROOT [--no-record]
# Unless --no-record is given, share/mltutor/installed lists every file installed and every
# folder the install created, for scripts/uninstall.sh; folders that were there before are not
# listed, so uninstalling never removes them.
set -euo pipefail

fail() { echo "install: $*" >&2; exit 1; }
[ $# -ge 2 ] || fail "usage: scripts/install.sh BIN ROOT [--no-record]"
bin=$1 root=${2%/} record=yes
[ "${3:-}" = --no-record ] && record=no
[ -f "$bin" ] && [ -x "$bin" ] || fail "$bin is not an executable: build mltutor first, or give BIN=PATH"
case $root in /*) ;; *) fail "the prefix must be an absolute path, got '$root'" ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || fail "python3 is needed to write the manual page"

version=$("$bin" --version) || fail "$bin --version failed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --experimental-dump-help | python3 "$here/scripts/manpage.py" "$version" >"$work/mltutor.1"
for shell in bash zsh fish; do
  "$bin" --generate-completion-script "$shell" >"$work/$shell" || fail "cannot generate the $shell completions"
done

listing=$root/share/mltutor/installed
declare -a created=()
if [ "$record" = yes ] && [ -f "$listing" ]; then
  # Folders an earlier install created stay on the list.
  while read -r kind path; do
    [ "$kind" = dir ] && created+=("$path")
  done <"$listing"
fi

# make_dir DIR: creates DIR and the folders above it, down from ROOT, noting each it creates.
make_dir() {
  local dir=$1
  [ -d "$dir" ] && return 0
  if [ "$dir" = "$root" ]; then
    mkdir -p "$(dirname "$root")"
  else
    make_dir "$(dirname "$dir")"
  fi
  mkdir -m 755 "$dir"
  created+=("${dir#"$root"}")
}

for dir in bin share/mltutor share/man/man1 share/bash-completion/completions share/zsh/site-functions \
  share/fish/vendor_completions.d; do
  make_dir "$root/$dir"
done

install -m 755 "$bin" "$root/bin/mltutor"
install -m 644 "$work/mltutor.1" "$root/share/man/man1/mltutor.1"
install -m 644 "$work/bash" "$root/share/bash-completion/completions/mltutor"
install -m 644 "$work/zsh" "$root/share/zsh/site-functions/_mltutor"
install -m 644 "$work/fish" "$root/share/fish/vendor_completions.d/mltutor.fish"

# The course replaces the one installed before, so no lesson of an older version stays.
rm -rf "$root/share/mltutor/Lessons"
cp -R "$here/Lessons" "$root/share/mltutor/Lessons"
chmod -R u=rwX,go=rX "$root/share/mltutor/Lessons"
while IFS= read -r dir; do created+=("${dir#"$root"}"); done < <(find "$root/share/mltutor/Lessons" -type d | sort)

if [ "$record" = yes ]; then
  {
    echo "file /bin/mltutor"
    echo "file /share/man/man1/mltutor.1"
    echo "file /share/bash-completion/completions/mltutor"
    echo "file /share/zsh/site-functions/_mltutor"
    echo "file /share/fish/vendor_completions.d/mltutor.fish"
    find "$root/share/mltutor/Lessons" -type f | sort | sed "s|^$root|file |"
    echo "file /share/mltutor/installed"
    printf 'dir %s\n' "${created[@]}" | awk '!seen[$0]++'
  } >"$work/installed"
  install -m 644 "$work/installed" "$listing"
fi
echo "installed $version under $root"
