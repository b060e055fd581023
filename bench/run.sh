#!/bin/sh
# The benchmark (make bench): every output format of credaudit, and the
# peers a user would otherwise reach for, each paired with the raw libcsv
# parse of the same files in the same run.  Prints one table:
#
#   row | ratio x raw libcsv | reports/s | output MB/s | instr/input byte
#
#   sh bench/run.sh [quick]
#
# ratio: CPU time (user + system, bench/cpu.c) of the row's command over
# the mean CPU time of bench/rawcsv.c on the same input run right before
# and right after it; REPS rounds (default 5), the rows interleaved within
# a round, the median
# of the per-round ratios (the single report's row and its raw parse: each
# a spawn loop of 11 runs, its median).  reports/s and output MB/s: from
# the median CPU time.  Instructions per input byte: valgrind --tool=callgrind (the VM
# has no hardware counters for perf stat) on a sample of SAMPLE corpus
# reports (the single report for its row), start-up included.
#
# Data (deterministic, bench/gen.c) goes to $BENCH_DATA (default
# build/bench-data), generated once.  "quick" is a small corpus and one
# round: a check that the harness works (make check), not a measurement.
set -eu
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
BIN=${BIN:-$B/credaudit}
CPU=$B/bench-cpu
D=${BENCH_DATA:-$B/bench-data}
REPS=${REPS:-5}
SAMPLE=${SAMPLE:-20}
REPORTS=2000 USERS=200 ACCOUNTS=100 SINGLE=5000
if [ "${1:-}" = quick ]; then
	D=${BENCH_DATA:-$B/bench-quick}
	REPS=1 SAMPLE=2 REPORTS=40 USERS=20 ACCOUNTS=4 SINGLE=300
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

mark="$D/.done-$REPORTS-$USERS-$ACCOUNTS-$SINGLE-$(cksum <bench/gen.c | cut -d' ' -f1)"
if [ ! -f "$mark" ]; then
	rm -rf "$D"
	mkdir -p "$D"
	$B/bench-gen -C "$REPORTS" "$USERS" "$ACCOUNTS" "$D/corpus"
	$B/bench-gen -r "$SINGLE" "$D/single.csv"
	touch "$mark"
fi
C=$D/corpus
S=$D/single.csv
files=$(find "$C" -name '*.csv' | wc -l)
bytes=$(find "$C" -name '*.csv' -exec cat {} + | wc -c)
sbytes=$(wc -c <"$S")
# the callgrind sample: SAMPLE reports spread over the corpus
step=$(( files / SAMPLE > 0 ? files / SAMPLE : 1 ))
find "$C" -name '*.csv' | sort | awk -v s="$step" -v n="$SAMPLE" 'NR % s == 0 && k < n { print; k++ }' >"$T/sample"
# shellcheck disable=SC2046
sample_bytes=$(cat $(cat "$T/sample") | wc -c)
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)
have_vg=0
command -v valgrind >/dev/null 2>&1 && have_vg=1

# The rows: NAME, input (c: the corpus, s: the single report), command
# (INPUT stands for the input, OUT for the output file).  The floor rows
# (bench/digest.c) read and hash the same files and do nothing else: every
# credaudit run does that much, so no row of ours can be below them.
rows() {
	for f in text json csv junit sarif ocsf html; do
		echo "$f|c|$BIN --jobs 1 -q -f $f -o OUT INPUT"
	done
	echo "text, --rules root-access-key|c|$BIN --jobs 1 -q --rules root-access-key -f text -o OUT INPUT"
	echo "json, --rules root-access-key|c|$BIN --jobs 1 -q --rules root-access-key -f json -o OUT INPUT"
	echo "text, one $SINGLE-user report|s|$BIN --jobs 1 -q -f text -o OUT INPUT"
	echo "peer: raw libcsv parse|c|$B/bench-rawcsv INPUT"
	echo "floor: read and SHA-256 only|c|$B/bench-digest INPUT"
	echo "floor: read and SHA-256, one report|s|$B/bench-digest INPUT"
	echo "peer: Python csv, root key|c|$PY bench/rootkey.py INPUT"
	echo "peer: awk, root key|c|sh bench/rootkey.sh INPUT"
}
rows >"$T/rows"
nrows=$(wc -l <"$T/rows")

# cmd I INPUT OUT: row I's command with INPUT and OUT filled in
cmd() {
	sed -n "$1p" "$T/rows" | cut -d'|' -f3 | sed "s|INPUT|$2|; s|OUT|$3|"
}

# timed OUTFILE [-n N] CMD...: "cpu S wall S rss KiB" of one run (of N)
timed() {
	o=$1
	shift
	"$CPU" -o "$o" "$@"
}

echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(cc --version | head -n 1); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "corpus: $files reports x $USERS users, $ACCOUNTS accounts, $bytes bytes; single: $SINGLE users, $sbytes bytes"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $REPS rounds"

# The rounds: in each, every row between two raw parses of its input,
# raw row raw row raw ...: a row's ratio is over the mean of the raw parse
# right before it and right after it (the one after is the next row's
# before), so that the machine's speed drifting during a round moves both
# sides of a ratio alike.
r=1
while [ "$r" -le "$REPS" ]; do
	i=1 previn=
	while [ "$i" -le "$nrows" ]; do
		in=$C k=1
		# the single report: the median of a spawn loop of 11 for each
		[ "$(sed -n "${i}p" "$T/rows" | cut -d'|' -f2)" = s ] && in=$S k=11
		if [ "$in" != "$previn" ]; then
			# shellcheck disable=SC2046
			set -- $(timed "$T/raw.out" -n "$k" "$B/bench-rawcsv" "$in")
			before=$2 previn=$in
		fi
		rm -f "$T/out"
		# shellcheck disable=SC2046
		set -- $(timed "$T/stdout" -n "$k" $(cmd "$i" "$in" "$T/out"))
		[ -f "$T/out" ] || mv "$T/stdout" "$T/out"
		cpu=$2 kb=$6
		# shellcheck disable=SC2046
		set -- $(timed "$T/raw.out" -n "$k" "$B/bench-rawcsv" "$in")
		after=$2
		echo "$cpu $(awk -v a="$before" -v b="$after" 'BEGIN { print (a + b) / 2 }') $kb $(wc -c <"$T/out")" >>"$T/m$i"
		before=$after
		i=$((i + 1))
	done
	r=$((r + 1))
done

# instr I: instructions per input byte of row I under callgrind, and the
# share of the SHA-256 digest (nettle_sha256_update, inclusive)
instr() {
	if [ "$have_vg" = 0 ]; then
		echo "- 0"
		return
	fi
	if [ "$(sed -n "$1p" "$T/rows" | cut -d'|' -f2)" = s ]; then
		in=$S b=$sbytes
	else
		in=$(tr '\n' ' ' <"$T/sample") b=$sample_bytes
	fi
	rm -f "$T"/vg.* "$T"/cg.*
	# shellcheck disable=SC2046
	valgrind --tool=callgrind --trace-children=yes --log-file="$T/vg.%p" \
	    --callgrind-out-file="$T/cg.%p" $(cmd "$1" "$in" "$T/vgout" |
	    sed "s|^$BIN |$BIN --no-sandbox |") >/dev/null 2>&1 || true
	total=$(cat "$T"/vg.* | sed -n 's/.*Collected : //p' | awk '{ t += $1 } END { print t + 0 }')
	sha=0
	for f in "$T"/cg.*; do
		s=$(callgrind_annotate --inclusive=yes "$f" 2>/dev/null |
		    awk '/nettle_sha256_update/ { gsub(",", "", $1); print $1; exit }')
		sha=$((sha + ${s:-0}))
	done
	awk -v t="$total" -v s="$sha" -v b="$b" 'BEGIN { printf "%.1f %.1f", t / b, s / b }'
}

printf '\n%-36s %9s %10s %11s %12s\n' "" "ratio" "reports/s" "output MB/s" "instr/byte"
i=1
: >"$T/rss"
while [ "$i" -le "$nrows" ]; do
	name=$(sed -n "${i}p" "$T/rows" | cut -d'|' -f1)
	n=$files
	[ "$(sed -n "${i}p" "$T/rows" | cut -d'|' -f2)" = s ] && n=1
	# shellcheck disable=SC2046
	set -- $(instr "$i")
	ib=$1 sha=$2
	[ "$i" = 1 ] && shasel=$sha
	sort -n "$T/m$i" | awk -v name="$name" -v n="$n" -v ib="$ib" -v rss="$T/rss" '
		{ cpu[NR] = $1; ratio[NR] = $1 / ($2 > 0 ? $2 : 1e-6); kb = $3 > kb ? $3 : kb; out = $4 }
		END {
			m = cpu[int((NR + 1) / 2)]; if (m <= 0) m = 1e-6
			asort_ratio()
			printf "%-36s %9.2f %10.0f %11.1f %12s\n", name, med, n / m, out / m / 1e6, ib
			printf "%-36s %8.2f MiB\n", name, kb / 1024 >>rss
		}
		function asort_ratio(   i, j, t) {
			for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++)
				if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
			med = ratio[int((NR + 1) / 2)]
		}'
	i=$((i + 1))
done
echo
echo "ratio: CPU time / CPU time of the raw libcsv parse of the same input (the mean of the runs right before and after), median of $REPS rounds"
echo "floor: the reads and the SHA-256 digest every credaudit run makes of its input, alone: no credaudit row can be below it"
echo "instr/byte: callgrind, $SAMPLE corpus reports ($sample_bytes bytes; the single report for its row), start-up included;"
echo "  of credaudit's, the SHA-256 digest of each input takes $shasel (callgrind cannot use the CPU's SHA instructions)"
echo
echo "peak RSS:"
cat "$T/rss"
# start-up: a spawn loop, medians
# shellcheck disable=SC2046
set -- $("$CPU" -n 200 "$B/bench-empty")
echo
echo "start-up: an empty C program, median of 200 spawns: $(awk -v c="$2" -v w="$4" 'BEGIN { printf "%.3f ms wall, %.3f ms CPU", w * 1000, c * 1000 }')"
