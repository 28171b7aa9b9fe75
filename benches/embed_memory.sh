#!/usr/bin/env bash
# Peak memory and wall time of `infradoc embed` on a README with 1, 50 and 200 diagram regions,
# each showing its own design (specs/cloud-web-service.toml under another name: a 34 KB SVG
# and a 467 KB PNG), so no two regions draw the same files.
#
#   benches/embed_memory.sh                        # builds the release binary; 1, 50, 200 regions
#   COUNTS="1 10" BIN=/tmp/infradoc benches/embed_memory.sh   # another binary, other counts
#
# Needs GNU time (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"1 50 200"}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin infradoc
  BIN=target/release/infradoc
fi
BIN=$(realpath "$BIN")
spec=$(realpath specs/cloud-web-service.toml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| regions | peak memory (MB) | wall (s) | diagram files written |"
echo "|---:|---:|---:|---:|"
for n in $COUNTS; do
  dir="$work/$n"
  mkdir -p "$dir/design"
  : > "$dir/README.md"
  for i in $(seq 1 "$n"); do
    sed "s/^name = \"cloud-web-service\"/name = \"design-$i\"/" "$spec" > "$dir/design/$i.toml"
    printf '## Design %s\n\n<!-- infradoc:begin spec=design/%s.toml show=diagram -->\n<!-- infradoc:end -->\n\n' \
      "$i" "$i" >> "$dir/README.md"
  done
  if ! (cd "$dir" && /usr/bin/time -v "$BIN" embed README.md > /dev/null 2> "$work/time-$n.txt"); then
    echo "embed failed on $n regions:" >&2
    cat "$work/time-$n.txt" >&2
    exit 1
  fi
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$n.txt")
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$work/time-$n.txt")
  files=$(find "$dir/output" -type f -name 'diagram*' | wc -l)
  mb=$(awk -v kb="$kb" 'BEGIN { printf "%.0f", kb / 1000 }')
  echo "| $n | $mb | $wall | $files |"
done
