#!/bin/sh
# Clones this repository into a temporary directory and runs README's two quick-start commands there
# with an empty Maven local repository, printing how long each took. Not part of the test suite
# (it downloads Maven and every dependency). Usage: examples/scripts/fresh-clone.sh [REPO [COMMIT]]
set -eu
repo=${1:-$(git -C "$(dirname "$0")" rev-parse --show-toplevel)}
commit=${2:-$(git -C "$repo" rev-parse HEAD)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-fresh.XXXXXX")
echo "fresh clone of $repo at $commit in $tmp"
git clone -q --no-local "$repo" "$tmp/bulwark"
cd "$tmp/bulwark"
git checkout -q "$commit"
m2="-Dmaven.repo.local=$tmp/m2"
export MAVEN_USER_HOME="$tmp/m2-wrapper"   # the wrapper downloads Maven itself afresh too

timed() {
    label=$1
    shift
    start=$(date +%s)
    status=0
    "$@" || status=$?
    echo "$label: $(( $(date +%s) - start )) s, exit status $status"
    [ "$status" -eq 0 ] || failed=1
}
failed=0
timed "main job (./mvnw -B -q -pl examples -am package exec:java -DskipTests)" \
    ./mvnw -B -q -pl examples -am package exec:java -DskipTests "$m2"
timed "tests (./mvnw -B verify)" ./mvnw -B -q verify "$m2"
echo "done; remove $tmp when finished"
exit "$failed"
