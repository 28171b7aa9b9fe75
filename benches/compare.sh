#!/usr/bin/env bash
# Whole-process `infradoc build` (check, lint, SVG, PNG, Markdown) against `dot -Tpng` and
# `dot -Tsvg` alone on the same graph (from `infradoc export --to dot`), in the same run,
# medians of RUNS runs. The fair pair is build against dot -Tpng: both end in a PNG.
#
#   benches/compare.sh            # the classic specs and generated designs of 100 to 5,000
#   RUNS=11 SIZES="400" benches/compare.sh
#   LIMIT=300 benches/compare.sh  # seconds one run may take (default 60); past it: "failed"
#
# Needs Graphviz (`apt-get install graphviz`) and python3 (for the timing loop).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
SIZES=${SIZES:-"100 400 1000 5000"}
cargo build --release --quiet --example gen
cargo build --release --quiet
bin=target/release/infradoc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in $SIZES; do
  target/release/examples/gen "$size" > "$work/generated-$size.toml"
done
specs=(specs/*.toml)
for size in $SIZES; do specs+=("$work/generated-$size.toml"); done

python3 - "$bin" "$work" "$RUNS" "${specs[@]}" <<'PY'
import os, statistics, subprocess, sys, threading, time
bin, work, runs, specs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]

LIMIT = float(os.environ.get("LIMIT", "60"))

def median_ms(cmd, stdin=None):
    """Median wall time in ms; None when the command fails or one run passes LIMIT seconds."""
    samples = []
    for _ in range(runs):
        # A blocking wait: `subprocess.run(timeout=...)` polls with growing sleeps, which rounds
        # every time up to 7.5, 15.5, 31.5, 63.5 ms... A timer kills a run that passes LIMIT.
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin and open(stdin), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timer = threading.Timer(LIMIT, p.kill)
        timer.start()
        code = p.wait()
        elapsed = time.perf_counter() - start
        timer.cancel()
        if elapsed >= LIMIT or code not in (0, 1):
            return None
        samples.append(elapsed * 1000)
    return statistics.median(samples)

sys.stdout.reconfigure(line_buffering=True)
print(f"{'spec':<50} {'components':>10} {'infradoc build':>15} {'dot -Tpng':>10} {'ratio':>6} {'build, no PNG':>14} {'dot -Tsvg':>10} {'ratio':>6}")
for spec in specs:
    dot = os.path.join(work, "graph.dot")
    with open(dot, "w") as f:
        subprocess.run([bin, "export", spec, "--to", "dot"], stdout=f, check=True)
    comps = sum(1 for line in open(dot) if "[label=" in line and "->" not in line)
    out = os.path.join(work, "out")
    # Huge pictures make huge PNGs; the build without PNG is the fair one there.
    ours = median_ms([bin, "build", spec, "--out", out]) if comps <= 1000 else None
    no_png = median_ms([bin, "build", spec, "--out", out, "--no-png"])
    theirs = median_ms(["dot", "-Tsvg"], stdin=dot)
    theirs_png = median_ms(["dot", "-Tpng"], stdin=dot) if comps <= 1000 else None
    fmt = lambda v: "failed" if v is None else f"{v:.1f}"  # failed: error, or over LIMIT
    ratio = lambda a, b: "-" if a is None or b is None else f"{a / b:.2f}"
    name = os.path.basename(spec)
    whole = fmt(ours) if comps <= 1000 else "skipped"
    png = fmt(theirs_png) if comps <= 1000 else "skipped"
    print(f"{name:<50} {comps:>10} {whole:>15} {png:>10} {ratio(ours, theirs_png):>6} {fmt(no_png):>14} {fmt(theirs):>10} {ratio(no_png, theirs):>6}")
PY
