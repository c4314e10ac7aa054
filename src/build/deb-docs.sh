#!/usr/bin/env bash
# What Debian's policy asks of the package's documentation, made from the build's output (called by Maven
# in the package phase, before jdeb):
#   target/deb/man/*.1.gz          the man pages, compressed (gzip -9n: no name or time stamp inside)
#   target/deb/doc/changelog.gz    the changelog of a native package, with this version and maintainer
#   target/deb/coaps-cli.bash      the bash completion without a #! line (completions are sourced, not run)
# Usage: deb-docs.sh <target-dir> <project-version> <maintainer>
set -euo pipefail
target="$1"; version="${2/-/\~}"; maintainer="$3"
out="$target/deb"
rm -rf "$out"; mkdir -p "$out/man" "$out/doc"
for page in "$target"/man/*.1; do
  gzip -9n <"$page" >"$out/man/$(basename "$page").gz"
done
# The date of the build's last commit when there is one, so that two builds of one commit are the same.
date="$(git -C "$target/.." log -1 --format=%cD 2>/dev/null || date -R)"
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@DATE@/$date/" \
  "$target/../src/dist/deb/changelog" | gzip -9n >"$out/doc/changelog.gz"
sed '1{/^#!/d}' "$target/coaps-cli.bash" >"$out/coaps-cli.bash"
