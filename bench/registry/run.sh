#!/usr/bin/env bash
# Registry benchmarks (JMH, never run by Surefire): the cohort report over 10,000 patients, target <= 1 s.
#   bench/registry/run.sh                 # all registry benchmarks
#   bench/registry/run.sh -p patients=2000 -f 1 -wi 1 -i 3   # any JMH options
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl sacroguide-registry test-compile
mvn -B -q -pl sacroguide-registry dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/sacroguide-registry/target/bench-classpath.txt" >/dev/null
cp="sacroguide-registry/target/test-classes:sacroguide-registry/target/classes:$(cat sacroguide-registry/target/bench-classpath.txt)"
exec java -Djava.awt.headless=true -cp "$cp" org.openjdk.jmh.Main 'org.sacroguide.registry.*Benchmark' "$@"
