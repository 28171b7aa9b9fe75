#!/usr/bin/env bash
# Whole-process `infradoc build` (check, lint, SVG, PNG, Markdown) against `dot -Tpng` and
# `dot -Tsvg` alone on the same graph (from `infradoc export --to dot`), in the same run,
# medians of RUNS runs. The fair pair is build against dot -Tpng: both end in a PNG.
# Each cell is "wall (CPU)" in ms: wall time says what a user waits for, but on cores shared
# with other work it also counts the time the process waited for a core; CPU time (user +
# system, all threads) does not, so the ratios are given on both.
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
    """Median (wall, CPU) time in ms; None when the command fails or one run passes LIMIT
    seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        # A blocking wait: `subprocess.run(timeout=...)` polls with growing sleeps, which rounds
        # every time up to 7.5, 15.5, 31.5, 63.5 ms... A timer kills a run that passes LIMIT.
        # wait4 gives the child's CPU time with its exit.
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin and open(stdin), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timer = threading.Timer(LIMIT, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - start
        p.returncode = code = os.waitstatus_to_exitcode(status)
        timer.cancel()
        if elapsed >= LIMIT or code not in (0, 1):
            return None
        walls.append(elapsed * 1000)
        cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)

sys.stdout.reconfigure(line_buffering=True)
print(f"{'spec':<48} {'components':>10} {'infradoc build':>16} {'dot -Tpng':>16} {'ratio':>11} {'build, no PNG':>16} {'dot -Tsvg':>16} {'ratio':>11}")
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
    # failed: error, or over LIMIT
    fmt = lambda v: "failed" if v is None else f"{v[0]:.1f} ({v[1]:.1f})"
    ratio = lambda a, b: "-" if a is None or b is None else f"{a[0] / b[0]:.2f} ({a[1] / max(b[1], 0.1):.2f})"
    name = os.path.basename(spec)
    whole = fmt(ours) if comps <= 1000 else "skipped"
    png = fmt(theirs_png) if comps <= 1000 else "skipped"
    print(f"{name:<48} {comps:>10} {whole:>16} {png:>16} {ratio(ours, theirs_png):>11} {fmt(no_png):>16} {fmt(theirs):>16} {ratio(no_png, theirs):>11}")
PY
