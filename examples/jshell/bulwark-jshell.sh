#!/bin/sh
# Builds Bulwark and starts JShell with it on the class path and its packages imported.
# Usage (from anywhere): examples/jshell/bulwark-jshell.sh [SCRIPT.jsh ...]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./mvnw -B -q -pl examples -am package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/jshell.classpath >&2
exec jshell --class-path "$root/examples/target/classes:$(cat "$root/examples/target/jshell.classpath")" \
    --startup DEFAULT --startup "$root/examples/jshell/imports.jsh" "$@"
