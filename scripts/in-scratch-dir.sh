#!/usr/bin/env bash
# Runs a command with TMPDIR set to a fresh folder of its own, and removes that folder when the
# command ends, however it ends: the test suite's files (saved models, progress, histories,
# course folders) and the compiler's scratch folders do not pile up in the machine's /tmp.
# Exits with the command's status.
set -uo pipefail
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mltutor-test.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TMPDIR=$scratch "$@"
