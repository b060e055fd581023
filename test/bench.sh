#!/bin/sh
# The benchmark harness in its quick mode (bench/run.sh quick): it runs,
# and prints its table with every row and figure.  No timing is asserted:
# figures on a shared machine prove nothing; the harness working does.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
B=${B:-build}

if BENCH_DATA="$T/data" B="$B" BIN="${BIN:-$B/credaudit}" sh bench/run.sh quick >"$T/out" 2>&1; then
	check "bench quick: exits 0" true
else
	bad "bench/run.sh quick failed: $(tail -3 "$T/out")"
fi
check "bench quick: the table's header" grep -q '^ *ratio  reports/s output MB/s   instr/byte$' "$T/out"
num='[0-9][0-9.]*'
for f in text json csv junit sarif ocsf html; do
	check "bench quick: a row for $f" grep -Eq "^$f +$num +$num +$num +($num|-)\$" "$T/out"
done
for row in 'text, --rules root-access-key' 'json, --rules root-access-key' \
    'text, one 300-user report' 'peer: raw libcsv parse' \
    'peer: Python csv, root key' 'peer: awk, root key' \
    'floor: read and SHA-256 only' 'floor: read and SHA-256, one report'; do
	check "bench quick: a row for $row" grep -Eq "^$row +$num +$num +$num +($num|-)\$" "$T/out"
done
check "bench quick: the machine" grep -q '^machine: ' "$T/out"
check "bench quick: peak RSS of every row" test "$(grep -c ' MiB$' "$T/out")" = 15
check "bench quick: start-up from a spawn loop" grep -q '^start-up: an empty C program, median of 200 spawns' "$T/out"
# the peers find what credaudit finds: the corpus's active root keys
gen=$B/bench-gen
$gen -C 40 5 4 "$T/c" >/dev/null
py=$(python3 bench/rootkey.py "$T/c" | tail -n 1)
awkn=$(sh bench/rootkey.sh "$T/c" | wc -l)
cred=$("${BIN:-$B/credaudit}" --jobs 1 -q --rules root-access-key -f csv "$T/c" | grep -c ',root-access-key,critical,.*,fail,')
check "bench quick: the Python peer finds the root keys ($py)" test "$py" = "reports 40 root-keys $awkn"
check "bench quick: the awk peer finds as many as credaudit ($awkn, $cred)" test "$awkn" = "$cred"
check "bench quick: there are root keys to find" test "$awkn" -gt 0
# the floor does the digest's whole work: one file's digest is sha256sum's
one=$(find "$T/c" -name '*.csv' | sort | head -n 1)
dig=$($B/bench-digest "$one" | sed -n 's/^files 1 bytes [0-9]* xor //p')
check "bench quick: the floor hashes what it reads ($dig)" test "$dig" = "$(sha256sum "$one" | cut -d' ' -f1)"
finish bench
