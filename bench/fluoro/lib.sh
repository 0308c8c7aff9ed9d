# Shared by compare_plastimatch.sh and bench.sh: paths, plastimatch installation, identity-direction volumes.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/sacroguide-app/target/sacroguide.jar"
WORK="${WORK:-$ROOT/out/bench/fluoro}"
CT="$ROOT/data/demo/ct.nii.gz"
SACRUM="$ROOT/data/demo/sacrum.nii.gz"
SG=(java -Dsacroguide.home="$ROOT" -jar "$JAR")
GEOM=(-r "512 512" -z "430 430" --sad 1000 --sid 1500)
mkdir -p "$WORK"
if ! command -v plastimatch >/dev/null; then
  echo "plastimatch missing: installing it from Debian"
  apt-get install -y plastimatch >/dev/null
fi
[[ -f "$JAR" ]] || { echo "build the app first: mvn -B -o -q -pl sacroguide-app install -DskipTests"; exit 2; }

# plastimatch's ray tracer ignores direction cosines: it gets identity-direction copies of the CT on the
# same voxel centres (origin at the lowest corner), as 16-bit integers.
plastimatch convert --input "$CT" --output-img "$WORK/ct_short.mha" --output-type short >/dev/null
read -r OX OY OZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Origin/{print $3, $4, $5}')
read -r NX NY NZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Size/{print $3, $4, $5}')
read -r SX SY SZ < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Spacing/{print $3, $4, $5}')
read -r D1 D5 D9 < <(plastimatch header "$WORK/ct_short.mha" | awk '/^Direction/{print $3, $7, $11}')
# CtVolume.resample keeps the first voxel centre and covers the same extent: 454 x 376 x 223 here
FX=$(awk -v n="$NX" -v s="$SX" 'BEGIN{printf "%d", int((n-1)*s/0.8+1e-9)+1}')
FY=$(awk -v n="$NY" -v s="$SY" 'BEGIN{printf "%d", int((n-1)*s/0.8+1e-9)+1}')
FZ=$(awk -v n="$NZ" -v s="$SZ" 'BEGIN{printf "%d", int((n-1)*s/1.5+1e-9)+1}')

identity() { # sx sy sz nx ny nz out.mha
  local sx=$1 sy=$2 sz=$3 nx=$4 ny=$5 nz=$6 out=$7 ox oy oz
  ox=$(awk -v o="$OX" -v d="$D1" -v s="$sx" -v n="$nx" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  oy=$(awk -v o="$OY" -v d="$D5" -v s="$sy" -v n="$ny" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  oz=$(awk -v o="$OZ" -v d="$D9" -v s="$sz" -v n="$nz" 'BEGIN{printf "%.4f", d<0 ? o-(n-1)*s : o}')
  plastimatch resample --input "$WORK/ct_short.mha" --output "$out" --direction-cosines "1 0 0 0 1 0 0 0 1" \
    --origin "$ox $oy $oz" --dim "$nx $ny $nz" --spacing "$sx $sy $sz" >/dev/null
}

# sacrum centroid in LPS mm, as the project computes it
iso_of_sacrum() {
  "${SG[@]}" drr "$CT" --isocenter-of "$SACRUM" --pixels 8 --detector-mm 10 -o "$WORK/iso_probe.pfm" \
    | awk '/^isocentre/{print $4, $5, $6}'
}

# plastimatch's -n (the unit vector from the isocentre towards the source) and --vup for gantry angle G, cranial tilt T
pm_orient() {
  awk -v g="$1" -v t="$2" 'BEGIN{pi=atan2(0,-1); g*=pi/180; t*=pi/180;
    printf "%.9f %.9f %.9f|%.9f %.9f %.9f\n", cos(g)*cos(t), -sin(g)*cos(t), -sin(t), cos(g)*sin(t), -sin(g)*sin(t), cos(t)}'
}

ncc() { java "$ROOT/bench/fluoro/PfmCompare.java" "$@"; }
