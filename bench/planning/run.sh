#!/usr/bin/env bash
# Runs the planning JMH benchmarks (not part of the unit tests). Usage: bench/planning/run.sh [JMH args]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL} -pl sacroguide-planning test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd sacroguide-planning
exec java -Djava.awt.headless=true -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.openjdk.jmh.Main "${@:-TrajectoryPlanningBenchmark}"
