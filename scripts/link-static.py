#!/usr/bin/env python3
"""Links mltutor again from the objects of a release build, with the Swift runtime inside.

Usage: scripts/link-static.py BUILD_MANIFEST OUTPUT
  BUILD_MANIFEST  the build's command list, e.g. .build/release.yaml
  OUTPUT          where the executable goes

`swift build` links mltutor against the Swift runtime in the toolchain's folder, which no
other machine has. This runs the very link command that `swift build` ran, adding
`-static-stdlib`, so the result needs only libraries Debian packages (C library, C++
runtime, ncursesw, libedit, zlib). The objects are not compiled again: it takes seconds.
"""
import json
import os
import re
import subprocess
import sys


# What the static Foundation libraries need besides themselves, as the toolchain's static
# modules name it (lib/swift_static/linux/*.swiftmodule).
STATIC_DEPENDENCIES = [
    "Foundation", "FoundationInternationalization", "FoundationEssentials", "_FoundationCollections",
    "CoreFoundation", "_FoundationICU", "_FoundationCShims", "swiftSynchronization", "swiftDispatch",
    "dispatch", "BlocksRuntime", "stdc++",
]


def link_command(manifest):
    """The arguments of the command that links the mltutor executable."""
    with open(manifest, encoding="utf-8") as f:
        text = f.read()
    # Each command is a YAML mapping whose `outputs:` and `args:` values are JSON lists.
    for block in re.split(r"\n\s*\n", text):
        outputs = re.search(r"^\s*outputs: (\[.*\])$", block, re.MULTILINE)
        args = re.search(r"^\s*args: (\[.*\])$", block, re.MULTILINE)
        if not outputs or not args:
            continue
        arguments = json.loads(args.group(1))
        if "-emit-executable" in arguments and any(o.endswith("/mltutor") for o in json.loads(outputs.group(1))):
            return arguments
    return None


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/link-static.py BUILD_MANIFEST OUTPUT")
    manifest, output = sys.argv[1], os.path.abspath(sys.argv[2])
    try:
        arguments = link_command(manifest)
    except OSError as error:
        sys.exit(f"link-static: cannot read {manifest}: {error.strerror} (build mltutor first)")
    if arguments is None:
        sys.exit(f"link-static: {manifest} has no command that links mltutor (build mltutor first)")
    if any(a.startswith("-sanitize") or a.startswith("-fsanitize") for a in arguments):
        sys.exit(f"link-static: {manifest} is a sanitizer build; the Swift runtime cannot be linked into it")
    out = arguments.index("-o")
    arguments[out + 1] = output
    # NB: objects compiled against the shared runtime name only the libraries they call
    # (Foundation); the static ones need the libraries those call too, named here.
    arguments += ["-static-stdlib", "-Xlinker", "--strip-debug"] + [f"-l{name}" for name in STATIC_DEPENDENCIES]
    os.makedirs(os.path.dirname(output), exist_ok=True)
    result = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # NB: the static C library objects warn about mktemp at every link; only failures matter.
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        sys.exit(f"link-static: linking {output} failed")


if __name__ == "__main__":
    main()
