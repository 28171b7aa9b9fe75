#!/usr/bin/env bash
# Runs one fuzz target for a total wall-clock budget, one process at a time, restarting after a
# crash/timeout/OOM for whatever time is left. Logs go to fuzz/logs/<target>-<n>.log.
# Usage: fuzz/run-timed.sh TARGET SECONDS [extra libFuzzer flags...]
set -u
cd "$(dirname "$0")"
target=$1; budget=$2; shift 2
start=$(date +%s); n=0
while :; do
  left=$(( budget - ($(date +%s) - start) ))
  [ "$left" -lt 30 ] && break
  n=$((n + 1))
  echo "== run $n of $target: ${left}s left ($(date -u +%FT%TZ))" | tee -a "logs/$target-runs.txt"
  RUSTC_BOOTSTRAP=1 nice -n 15 cargo fuzz run "$target" "corpus/$target" -- \
    -jobs=1 -workers=1 -max_total_time="$left" "$@" > "logs/$target-$n.parent.log" 2>&1
  echo "   exit $? after $(( $(date +%s) - start ))s" | tee -a "logs/$target-runs.txt"
  [ -f fuzz-0.log ] && mv fuzz-0.log "logs/$target-$n.log"
  # A corpus entry that crashes (e.g. after the library changed under a rebuild) would stop every
  # later run while loading the corpus: move it out.
  sha=$(grep -ao 'Test unit written to [^ ]*/[a-z]*-[0-9a-f]*' "logs/$target-$n.log" 2>/dev/null | sed 's/.*-//' | tail -1)
  if [ -n "$sha" ] && [ -f "corpus/$target/$sha" ]; then
    mkdir -p logs/quarantine && mv "corpus/$target/$sha" logs/quarantine/
  fi
done
echo "== $target done: $(( $(date +%s) - start ))s in $n run(s)" | tee -a "logs/$target-runs.txt"
