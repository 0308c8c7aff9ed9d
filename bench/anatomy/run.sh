#!/usr/bin/env bash
# CtVolume -> SacrumModel speed (JMH): a 512 x 512 x 300 phantom CT and a 3 mm phantom.
# Usage: bench/anatomy/run.sh   (from the repository root; builds only the anatomy module's test classes)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl sacroguide-anatomy test-compile
CP_FILE=$(mktemp)
mvn -B -o -q -pl sacroguide-anatomy dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="sacroguide-anatomy/target/test-classes:sacroguide-anatomy/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main SacrumSegmenterBenchmark -rf text -rff bench/anatomy/last-result.txt "$@"
echo "Results also in bench/anatomy/last-result.txt (research software, not for clinical use)."
