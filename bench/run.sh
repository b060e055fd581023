#!/bin/sh
# The benchmark (make bench): credaudit beside the raw libcsv parse of the
# same files, in the same run.  Not part of make check: it takes minutes.
#
#   sh bench/run.sh [quick]
#
# Data (deterministic, from bench/gen.c) goes to $BENCH_DATA (default
# build/bench-data) and is generated once.  Times are the best of $REPS runs
# (default 3) as measured by /usr/bin/time -v, which also gives peak RSS.
# "quick" uses a small corpus and one run: a sanity check of the harness.
set -eu
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
BIN=$B/credaudit
D=${BENCH_DATA:-$B/bench-data}
REPS=${REPS:-3}
REPORTS=2000 USERS=200 ACCOUNTS=100 SINGLE=5000
if [ "${1:-}" = quick ]; then
	D=${BENCH_DATA:-$B/bench-quick}
	REPS=1 REPORTS=40 USERS=20 ACCOUNTS=4 SINGLE=300
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# regenerated when the sizes or the generator change
mark="$D/.done-$REPORTS-$USERS-$ACCOUNTS-$SINGLE-$(cksum <bench/gen.c | cut -d' ' -f1)"
if [ ! -f "$mark" ]; then
	rm -rf "$D"
	mkdir -p "$D"
	$B/bench-gen -C "$REPORTS" "$USERS" "$ACCOUNTS" "$D/corpus"
	$B/bench-gen -r "$SINGLE" "$D/single.csv"
	$B/bench-gen -c -b -q -r "$SINGLE" "$D/single-crlf-bom-quoted.csv"
	touch "$mark"
fi

# measure NAME CMD...: best wall-clock seconds into $T/NAME.s, best CPU
# seconds (user + system) into $T/NAME.cpu, peak RSS KiB into $T/NAME.kb
# (all from /usr/bin/time -v); exit 2 or 4 stops the benchmark.
measure() {
	name=$1
	shift
	best= bcpu= rss=0
	i=0
	while [ "$i" -lt "$REPS" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -v -o "$T/tv" "$@" >/dev/null 2>"$T/err" || {
			rc=$?
			if [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then
				echo "bench: $* failed (exit $rc)" >&2
				cat "$T/err" >&2
				exit 1
			fi
		}
		t1=$(date +%s%N)
		s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/tv")
		cpu=$(awk '/User time \(seconds\)|System time \(seconds\)/ { t += $NF } END { print t }' "$T/tv")
		best=$(awk -v a="${best:-1e9}" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
		bcpu=$(awk -v a="${bcpu:-1e9}" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
		[ "$kb" -gt "$rss" ] && rss=$kb
		i=$((i + 1))
	done
	echo "$best" >"$T/$name.s"
	echo "$bcpu" >"$T/$name.cpu"
	echo "$rss" >"$T/$name.kb"
}

# loop_time N CMD...: seconds per run of CMD over N runs (start-up scale)
loop_time() {
	n=$1
	shift
	t0=$(date +%s%N)
	i=0
	while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.6f", (b - a) / 1e9 / n }'
}

# instr CMD...: instructions executed (callgrind), then those spent in
# the SHA-256 digest of the inputs (nettle_sha256_update, inclusive)
instr() {
	valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$@" >/dev/null 2>"$T/vg" || true
	total=$(sed -n 's/.*Collected : //p' "$T/vg" | tail -n 1)
	sha=$(callgrind_annotate --inclusive=yes "$T/cg" 2>/dev/null |
		awk '/nettle_sha256_update/ { gsub(",", "", $1); print $1; exit }')
	echo "$total ${sha:-0}"
}

bytes=$(find "$D/corpus" -name '*.csv' -exec cat {} + | wc -c)
files=$(find "$D/corpus" -name '*.csv' | wc -l)
echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "corpus: $files reports x $USERS users, $ACCOUNTS accounts, $bytes bytes; load average $(cut -d' ' -f1-3 /proc/loadavg)"

measure raw $B/bench-rawcsv "$D/corpus"
ri=$(instr $B/bench-rawcsv "$D/single.csv")
sbytes=$(wc -c <"$D/single.csv")
qbytes=$(wc -c <"$D/single-crlf-bom-quoted.csv")
sub=$(find "$D/corpus" -name '*.csv' | sort | head -n 100)
# shellcheck disable=SC2086
subbytes=$(cat $sub | wc -c)
n=$((REPS * 20))
te=$(loop_time "$n" $B/bench-empty)

# suite LABEL [OPTION...]: every figure for credaudit run with OPTIONs
suite() {
	label=$1
	shift
	echo "== credaudit $label"
	measure cred1 "$BIN" "$@" --jobs 1 -q -f json "$D/corpus"
	measure cred2 "$BIN" "$@" --jobs 2 -q -f json "$D/corpus"
	# cpu: user + system seconds (robust on a shared machine); wall: elapsed
	awk -v c1="$(cat "$T/cred1.s")" -v c2="$(cat "$T/cred2.s")" -v r="$(cat "$T/raw.s")" \
	    -v u1="$(cat "$T/cred1.cpu")" -v u2="$(cat "$T/cred2.cpu")" -v ur="$(cat "$T/raw.cpu")" \
	    -v f="$files" -v b="$bytes" -v k1="$(cat "$T/cred1.kb")" -v k2="$(cat "$T/cred2.kb")" \
	    -v kr="$(cat "$T/raw.kb")" 'BEGIN {
		if (c1 <= 0) c1 = 0.005; if (c2 <= 0) c2 = 0.005; if (r <= 0) r = 0.005
		if (u1 <= 0) u1 = 0.005; if (u2 <= 0) u2 = 0.005; if (ur <= 0) ur = 0.005
		printf "credaudit --jobs 1: wall %.3f s, cpu %.3f s: %.0f reports/s, %.1f MB/s (wall), %.0f reports/s, %.1f MB/s (cpu), peak RSS %.2f MiB\n", c1, u1, f / c1, b / c1 / 1e6, f / u1, b / u1 / 1e6, k1 / 1024
		printf "credaudit --jobs 2: wall %.3f s, cpu %.3f s: %.0f reports/s, %.1f MB/s (wall), peak RSS %.2f MiB, speed-up %.2fx over --jobs 1 (wall)\n", c2, u2, f / c2, b / c2 / 1e6, k2 / 1024, c1 / c2
		printf "raw libcsv parse:   wall %.3f s, cpu %.3f s: %.0f reports/s, %.1f MB/s (wall), %.0f reports/s, %.1f MB/s (cpu), peak RSS %.2f MiB\n", r, ur, f / r, b / r / 1e6, f / ur, b / ur / 1e6, kr / 1024
		printf "ratio credaudit --jobs 1 / raw libcsv: %.2f wall, %.2f cpu (target <= 0.50)\n", c1 / r, u1 / ur
	}'
	ts=$(loop_time "$n" "$BIN" "$@" --jobs 1 -q "$D/single.csv")
	tq=$(loop_time "$n" "$BIN" "$@" --jobs 1 -q "$D/single-crlf-bom-quoted.csv")
	measure single "$BIN" "$@" --jobs 1 -q "$D/single.csv"
	awk -v e="$te" -v s="$ts" -v q="$tq" -v k="$(cat "$T/single.kb")" -v u="$SINGLE" 'BEGIN {
		printf "single %d-user report: %.2f ms (CRLF+BOM+quoted: %.2f ms), empty C program %.2f ms: %.2fx start-up (target <= 3), peak RSS %.2f MiB\n", u, s * 1000, q * 1000, e * 1000, s / e, k / 1024
	}'
	ci=$(instr "$BIN" "$@" --jobs 1 -q "$D/single.csv")
	cq=$(instr "$BIN" "$@" --jobs 1 -q "$D/single-crlf-bom-quoted.csv")
	# shellcheck disable=SC2086
	cc=$(instr "$BIN" "$@" --jobs 1 -q $sub)
	awk -v ci="$ci" -v cq="$cq" -v ri="$ri" -v cc="$cc" -v sb="$sbytes" -v qb="$qbytes" -v cb="$subbytes" 'BEGIN {
		split(ci, a, " "); split(cq, q, " "); split(cc, c, " "); split(ri, r, " ")
		printf "instructions/byte (callgrind): credaudit %.2f on the single report, %.2f on 100 corpus reports (target <= 10); %.2f with CRLF+BOM+quoted names; raw libcsv %.2f\n", a[1] / sb, c[1] / cb, q[1] / qb, r[1] / sb
		printf "  of which the SHA-256 digest of the input: %.2f, %.2f, %.2f; without it: %.2f, %.2f, %.2f\n", a[2] / sb, c[2] / cb, q[2] / qb, (a[1] - a[2]) / sb, (c[1] - c[2]) / cb, (q[1] - q[2]) / qb
	}'
}

suite "(every rule)"
suite "--rules root-access-key" --rules root-access-key
