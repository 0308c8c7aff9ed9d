#!/usr/bin/env bash
# Peer agreement of sacroguide's DRRs with plastimatch 1.9.4 (fluoroscopy issue, item 3): lateral and AP on the
# bundled CT, isocentre at the centroid of data/demo/sacrum.nii.gz, plastimatch's attenuation model; with
# --fine also on the CT resampled to 0.8 x 0.8 x 1.5 mm. Prints the NCC per view (required >= 0.99).
# Installs plastimatch from Debian when missing. Not part of CI. Simulated images, not for clinical use.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
FINE=0
[[ "${1:-}" == "--fine" ]] && FINE=1

run_case() { # label volume.mha sacroguide-extra-args...
  local label=$1 vol=$2; shift 2
  local out iso t0 t1
  # lateral (gantry 0, source on the patient's left) and AP (gantry 90, source in front)
  out=$("${SG[@]}" drr "$CT" "$@" --isocenter-of "$SACRUM" --angles 0:90:2 --attenuation plastimatch \
        --format pfm -o "$WORK/${label}_sg")
  echo "$out" | sed 's/^/  sacroguide: /'
  iso=$(echo "$out" | awk '/^isocentre/{print $4, $5, $6}')
  "${SG[@]}" drr "$CT" "$@" --isocenter-of "$SACRUM" --angles 0:90:2 --attenuation plastimatch --ray-caster exact \
        --format pfm -o "$WORK/${label}_sgexact" >/dev/null
  t0=$(date +%s.%N)
  plastimatch drr "${GEOM[@]}" -o "$iso" -i exact -a 2 -N 90 -t pfm -O "$WORK/${label}_pm_" "$vol" > "$WORK/${label}_pm.log"
  t1=$(date +%s.%N)
  echo "  plastimatch exact, lateral + AP, whole process: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s"
  ncc "$WORK/${label}_sg_0000.pfm" "$WORK/${label}_pm_0000.pfm" "$label lateral slice-stack"
  ncc "$WORK/${label}_sg_0001.pfm" "$WORK/${label}_pm_0001.pfm" "$label AP slice-stack"
  ncc "$WORK/${label}_sgexact_0000.pfm" "$WORK/${label}_pm_0000.pfm" "$label lateral exact"
  ncc "$WORK/${label}_sgexact_0001.pfm" "$WORK/${label}_pm_0001.pfm" "$label AP exact"
}

echo "== bundled CT ($NX x $NY x $NZ voxels of $SX x $SY x $SZ mm), ISO = centroid of data/demo/sacrum.nii.gz"
identity "$SX" "$SY" "$SZ" "$NX" "$NY" "$NZ" "$WORK/ct_identity.mha"
run_case native "$WORK/ct_identity.mha"
if [[ $FINE == 1 ]]; then
  echo "== resampled to 0.8 x 0.8 x 1.5 mm ($FX x $FY x $FZ voxels)"
  identity 0.8 0.8 1.5 "$FX" "$FY" "$FZ" "$WORK/ct_fine.mha"
  run_case fine "$WORK/ct_fine.mha" --resample 0.8,0.8,1.5
fi
echo "Simulated radiographs for research and training, not for clinical use."
