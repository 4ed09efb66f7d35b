#!/bin/bash
# Builds mltutor's Debian package from BIN: the layout of `make install` under /usr (zsh
# completions where Debian's zsh looks, the manual page compressed), and a control file whose
# Depends lists the packages of the libraries BIN needs.
#
# Usage: scripts/make-deb.sh BIN OUTPUT_DIR
# Prints the path of the .deb it wrote. DEB_COMPRESSION (xz, gzip, zstd or none; default xz)
# picks dpkg-deb's compression.
set -euo pipefail

fail() { echo "make-deb: $*" >&2; exit 1; }
[ $# -eq 2 ] || fail "usage: scripts/make-deb.sh BIN OUTPUT_DIR"
bin=$1 out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
command -v dpkg-deb >/dev/null || fail "dpkg-deb is not installed"

depends=$("$here/scripts/deb-depends.sh" "$bin")
version=$("$bin" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
"$here/scripts/install.sh" "$bin" "$stage/usr" --no-record >/dev/null
mkdir -p "$stage/usr/share/zsh/vendor-completions" "$stage/usr/share/doc/mltutor" "$stage/DEBIAN"
mv "$stage/usr/share/zsh/site-functions/_mltutor" "$stage/usr/share/zsh/vendor-completions/_mltutor"
rmdir "$stage/usr/share/zsh/site-functions"
gzip -9n "$stage/usr/share/man/man1/mltutor.1"
install -m 644 "$here/Lessons/data/README.md" "$stage/usr/share/doc/mltutor/data-credits.md"
chmod 755 "$stage"
chmod -R u=rwX,go=rX "$stage/usr"

size=$(du -sk "$stage/usr" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: mltutor
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-mltutor maintainers <mltutor@example.org>}
Installed-Size: $size
Depends: $depends
Section: education
Priority: optional
Description: interactive terminal tutor for machine learning
 mltutor teaches how models learn by training real ones in the terminal:
 linear regression on apartment prices, a network on handwritten digits,
 overfitting, minima, with live charts and nine lessons. It includes
 5,000 MNIST digits; the full set can be fetched with mltutor data fetch.
CONTROL

mkdir -p "$out"
deb=$out/mltutor_${version}_$arch.deb
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
echo "$deb"
