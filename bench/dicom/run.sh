#!/usr/bin/env bash
# Load-time benchmark of DICOM series (issue 2, item 7): a 512 x 512 x 300 CT stored uncompressed and as
# JPEG 2000 lossless, read by DicomSeriesReader (scan + geometry + pixels). Prints MB/s of pixel data.
# The series are generated once (about 160 MB and 90 MB) under sacroguide-imaging/target/bench-dicom.
#
#   bench/dicom/run.sh                      # both encodings
#   bench/dicom/run.sh uncompressed         # one of them
#   JMH_ARGS="-wi 1 -i 3" bench/dicom/run.sh jpeg2000-lossless
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
encodings="${1:-uncompressed,jpeg2000-lossless}"
mvn -B -q -o -pl sacroguide-imaging test-compile >&2 2>/dev/null || mvn -B -q -pl sacroguide-imaging test-compile >&2
cp_file="$(mktemp)"
mvn -B -q -o -pl sacroguide-imaging dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2 \
  || mvn -B -q -pl sacroguide-imaging dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cp="sacroguide-imaging/target/test-classes:sacroguide-imaging/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
results="sacroguide-imaging/target/bench-dicom-results.csv"
mkdir -p sacroguide-imaging/target
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)" >&2
# shellcheck disable=SC2086
java -cp "$cp" org.openjdk.jmh.Main DicomLoadBenchmark -p encoding="$encodings" -rf csv -rff "$results" ${JMH_ARGS:-}
pixel_mb=$(awk 'BEGIN { printf "%.1f", 2 * 512 * 512 * 300 / 1e6 }')
echo
echo "512 x 512 x 300 CT, ${pixel_mb} MB of int16 pixel data per load (warm page cache):"
tr -d '\r"' < "$results" | awk -F, -v mb="$pixel_mb" 'NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
  { enc = $col["Param: encoding"]; ms = $col["Score"]; err = $col["Score Error (99.9%)"];
    printf "  %-18s %8.0f ms per load (+- %.0f)  = %7.1f MB/s\n", enc, ms, err, mb / (ms / 1000) }'
