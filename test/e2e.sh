#!/bin/sh
# End-to-end tests of the credaudit command on fixture files.
# Prints one line per failed check and "e2e: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
SHARED=${SHARED:-../shared/realworld}

# tally FILE: FILE holds a "done ..." line per table row and a "FAIL: ROW: ..."
# line per failed check; a row passes when none of its checks failed.
tally() {
	n=$(grep -c '^done' "$1")
	nf=$(grep -c '^FAIL' "$1")
	nff=$(grep '^FAIL' "$1" | cut -d: -f2 | sort -u | wc -l)
	grep '^FAIL' "$1"
	pass=$((pass + n - nff))
	fail=$((fail + nf))
}

# ---- the cases of fixtures/cases/EXPECTED ----
grep -v '^#' fixtures/cases/EXPECTED | while read -r file want nfind pos text; do
	[ -n "$file" ] || continue
	f=fixtures/cases/$file
	"$BIN" --rules root-access-key --format json "$f" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = "$want" ] || echo "FAIL: $file: exit $rc, want $want"
	got=$(jq -r '.inputs[0].findings // [] | length' "$T/out")
	[ "$got" = "$nfind" ] || echo "FAIL: $file: $got findings, want $nfind"
	if [ "$pos" != "-" ]; then
		gotpos=$(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")
		[ "$gotpos" = "$pos" ] || echo "FAIL: $file: error at $gotpos, want $pos"
		msg=$(jq -r '.inputs[0].error.message' "$T/out")
		case $msg in *"$text"*) ;; *) echo "FAIL: $file: message '$msg' lacks '$text'" ;; esac
		# the text format names file:line:column too
		# (into a file: a reader that stops early would end the run by
		# SIGPIPE, which valgrind reports as memory still held)
		"$BIN" --rules root-access-key "$f" >"$T/text" 2>/dev/null
		grep -qF "$f:${pos%:0}" "$T/text" ||
			echo "FAIL: $file: text output does not name $f:$pos"
	fi
	echo "done $file"
done >"$T/cases"
tally "$T/cases"

# ---- realworld reports: the verdict PROVENANCE.md states ----
verdicts() { # verdicts DIR TABLE
	dir=$1
	grep -v '^#' "$2" | while read -r file verdict n; do
		[ -n "$file" ] || continue
		"$BIN" --rules root-access-key --format json "$dir/$file" >"$T/rw" 2>/dev/null
		rc=$?
		status=$(jq -r '.inputs[0].status' "$T/rw")
		count=$(jq -r '[.inputs[0].findings[]? | select(.rule == "root-access-key")] | length' "$T/rw")
		msg=$(jq -r '.inputs[0].error.message // ""' "$T/rw")
		case $verdict in
		pass) [ "$rc" = 0 ] && [ "$status" = audited ] && [ "$count" = 0 ] ;;
		fail) [ "$rc" = 1 ] && [ "$count" = "$n" ] ;;
		noroot) [ "$rc" = 3 ] && case $msg in "no <root_account> row"*) true ;; *) false ;; esac ;;
		error) [ "$rc" = 3 ] && [ "$status" = error ] ;;
		esac || echo "FAIL: realworld $dir/$file: want $verdict $n, got exit $rc, $count findings, $status $msg"
		echo "done"
	done
}
verdicts fixtures/realworld fixtures/realworld/EXPECTED >"$T/rw.out"
if [ -d "$SHARED" ]; then
	verdicts "$SHARED" fixtures/realworld/EXPECTED >>"$T/rw.out"
	verdicts "$SHARED" fixtures/realworld/shared-only.expected >>"$T/rw.out"
else
	echo "SKIP: $SHARED not found: verdicts on the shared corpus not checked"
fi
tally "$T/rw.out"
# every copied file is in the table, so none escapes the check
for f in fixtures/realworld/*.csv fixtures/realworld/*.json fixtures/realworld/*.txt fixtures/realworld/synthetic/*; do
	[ -f "$f" ] || continue
	check "realworld table lists $f" grep -q "^${f#fixtures/realworld/} " fixtures/realworld/EXPECTED
done

# ---- the message of the headline rule ----
run fixtures/cases/fail-key1.csv
check "finding message reads like an auditor's note" grep -qF \
	"root user has an active access key (access_key_1), created 2021-06-01, last used 2024-05-02 in us-east-1 for s3" "$T/out"
run --rules root-access-key --format json fixtures/cases/fail-both.csv
check "both key slots reported" test "$(jq -r '[.inputs[0].findings[].credential] | join(",")' "$T/out")" = "access_key_1,access_key_2"
check "finding carries line and evidence" test "$(jq -r '.inputs[0].findings[1] | "\(.line) \(.evidence.access_key_2_last_used_region)"' "$T/out")" = "2 eu-central-1"
run --format json fixtures/cases/govcloud.csv
check "partition kept" test "$(jq -r '.inputs[0] | "\(.partition) \(.account)"' "$T/out")" = "aws-us-gov 111122223333"

# ---- of the values the age rules read, the first bad one is named, with or
# without a stated as-of time ----
# Line 3's password_last_changed is read only by credentials-unused, line
# 4's access_key_1_last_rotated first by access-key-not-rotated; without
# --as-of both rules run on held rows after the last one, and still the
# first row in error is the one named.
for a in "" "--as-of 2024-06-01"; do
	# shellcheck disable=SC2086
	run --format json $a fixtures/cases/err-first-bad-value.csv
	check "first bad value named${a:+ with $a}" test "$rc $(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")" = "3 3:6"
done

# ---- options and exit statuses ----
run --help
check "--help exits 0" test "$rc" = 0
check "--help shows usage" grep -q '^usage: credaudit' "$T/out"
run --rules "" fixtures/cases/pass.csv
check "--rules \"\" is a usage error (exit 2), not every rule" sh -c "[ $rc = 2 ] && grep -q 'empty' '$T/err'"
run --version
check "--version" grep -qx 'credaudit [0-9.]*' "$T/out"
run --no-such-option fixtures/demo.csv
check "unknown option exits 2" test "$rc" = 2
run
check "no input exits 2" test "$rc" = 2
run --format nope fixtures/demo.csv
check "unknown format exits 2" test "$rc" = 2
run --rules nope fixtures/demo.csv
check "unknown rule exits 2" test "$rc" = 2
check "unknown rule named" grep -q "unknown rule 'nope'" "$T/err"
run --rules root-access-key fixtures/demo.csv
check "--rules root-access-key" test "$rc" = 1
run --list-rules
check "--list-rules shows the rule and its references" sh -c \
	"grep -q '^root-access-key .*critical' '$T/out' && grep -q 'IAM.4' '$T/out' && grep -q 'iam-root-access-key-check' '$T/out'"
run --list-formats
check "--list-formats" sh -c "grep -q '^text ' '$T/out' && grep -q '^json ' '$T/out'"
run fixtures/cases/pass.csv fixtures/cases/fail-key1.csv
check "findings exit 1" test "$rc" = 1
run fixtures/cases/fail-key1.csv fixtures/cases/err-no-root.csv fixtures/cases/pass.csv
check "an input error wins over findings (exit 3)" test "$rc" = 3
check "every input is reported" test "$(grep -c 'verdict:' "$T/out")" = 3
run /nonexistent/report.csv
check "missing file exits 3" test "$rc" = 3

# ---- standard input ----
"$BIN" - <fixtures/cases/fail-key1.csv >"$T/out" 2>&1
check "stdin (-) is read" test $? = 1
"$BIN" --format json - <fixtures/cases/err-two-roots.csv >"$T/out" 2>&1
check "stdin errors name the input" test "$(jq -r '.inputs[0] | "\(.file) \(.error.line)"' "$T/out")" = "- 4"

# ---- output: checked writes, atomic files ----
"$BIN" fixtures/demo.csv >/dev/full 2>"$T/err"
check "write error on stdout exits 4" test $? = 4
check "write error is explained" grep -q 'cannot write' "$T/err"
"$BIN" --rules root-access-key --format json -o "$T/report.json" fixtures/demo.csv
check "--output exit status is the audit's" test $? = 1
check "--output writes the file" test "$(jq '.inputs[0].findings | length' "$T/report.json")" = 1
echo precious >"$T/keep.json"
"$BIN" --format nope -o "$T/keep.json" fixtures/demo.csv 2>/dev/null
check "a failed run leaves the old file" grep -qx precious "$T/keep.json"
"$BIN" -o "$T/no/such/dir/out" fixtures/demo.csv 2>/dev/null
check "unwritable --output exits 4" test $? = 4
"$BIN" -o /dev/full fixtures/demo.csv 2>/dev/null
check "--output /dev/full exits 4" test $? = 4
check "--output /dev/full leaves /dev/full a device" test -c /dev/full
check "no temporary file left behind" test -z "$(ls "$T" | grep '\.tmp\.')"
# a run stopped by a signal while it writes (here: while it waits for its
# input) removes its temporary file, keeps the old output and dies of the
# signal (SIGINT is ignored by background jobs of a script: TERM and HUP)
mkfifo "$T/fifo"
for s in TERM:15 HUP:1; do
	sig=${s%%:*}
	mkdir "$T/sig$sig" && echo precious >"$T/sig$sig/out.json"
	"$BIN" -q -o "$T/sig$sig/out.json" - <"$T/fifo" 2>/dev/null &
	pid=$!
	exec 7>"$T/fifo"
	n=0
	while [ -z "$(ls "$T/sig$sig" | grep '\.tmp\.')" ] && [ $n -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	check "SIG$sig: the temporary file was there" test $n -lt 100
	kill -s "$sig" "$pid"
	exec 7>&-   # a run that outlived the signal now reads an end: no hang
	wait "$pid"
	st=$?
	check "SIG$sig: the run dies of it ($st)" test "$st" = $((128 + ${s#*:}))
	check "SIG$sig: no temporary file left" test "$(ls "$T/sig$sig")" = out.json
	check "SIG$sig: the old output kept" grep -qx precious "$T/sig$sig/out.json"
done
(umask 027 && "$BIN" -o "$T/mode-new.txt" fixtures/cases/pass.csv >/dev/null 2>&1)
check "--output creates the file with 0666 & ~umask" test "$(stat -c %a "$T/mode-new.txt")" = 640
echo old >"$T/mode-old.txt"
chmod 604 "$T/mode-old.txt"
(umask 077 && "$BIN" -o "$T/mode-old.txt" fixtures/cases/pass.csv >/dev/null 2>&1)
check "--output keeps the mode of the file it replaces" test "$(stat -c %a "$T/mode-old.txt")" = 604

mkdir -p "$T/in"
cp fixtures/cases/pass.csv "$T/in/r.csv"
ln -s r.csv "$T/in/link.csv"
"$BIN" -o "$T/in/r.csv" "$T/in/r.csv" 2>"$T/err"
check "-o naming an input is a usage error (exit 2)" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
check "-o naming an input leaves it untouched" cmp -s "$T/in/r.csv" fixtures/cases/pass.csv
# a file the directory walk found, by its path and by another spelling of it
"$BIN" -o "$T/in/r.csv" "$T/in" 2>"$T/err"
check "-o naming a file found in a walked directory: exit 2" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
"$BIN" -o "$T/in/./r.csv" "$T/in" 2>"$T/err"
check "-o naming a found file by another path: exit 2" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
check "... the found file untouched" cmp -s "$T/in/r.csv" fixtures/cases/pass.csv
"$BIN" -o "$T/in/link.csv" "$T/in" 2>/dev/null
check "-o naming an input by another path (same inode) in a directory: exit 2" test $? = 2
"$BIN" history -o "$T/in/r.csv" - <"$T/in/r.csv" 2>/dev/null
check "history -o naming standard input's file: exit 2" test $? = 2
check "no input was overwritten" cmp -s "$T/in/r.csv" fixtures/cases/pass.csv

# ---- -o through symbolic links: the link stays, its target is replaced ----
# (non-root safe: every link and target lives in the temporary directory)
O=$T/olink
mkdir -p "$O/t" "$O/l/sub"
echo old >"$O/t/target.txt"
ln -s ../t/target.txt "$O/l/rel.txt"
"$BIN" -o "$O/l/rel.txt" fixtures/cases/pass.csv >/dev/null 2>&1
check "-o via a relative link: exit status is the audit's (1)" test $? = 1
check "-o via a relative link: the link is still a link" test -L "$O/l/rel.txt"
check "-o via a relative link: the target holds the report" grep -q 'verdict:' "$O/t/target.txt"
ln -s ../rel.txt "$O/l/sub/chain.txt"
echo old >"$O/t/target.txt"
"$BIN" -o "$O/l/sub/chain.txt" fixtures/cases/pass.csv >/dev/null 2>&1
check "-o via a chain of links: both links stay links" sh -c "test -L '$O/l/sub/chain.txt' && test -L '$O/l/rel.txt'"
check "-o via a chain of links: the final target holds the report" grep -q 'verdict:' "$O/t/target.txt"
check "-o via links: no temporary file beside the links or the target" \
	test -z "$(ls -a "$O/t" "$O/l" "$O/l/sub" | grep '\.tmp\.')"
ln -s "$O/t/new.txt" "$O/l/dangling.txt"
"$BIN" -o "$O/l/dangling.txt" fixtures/cases/pass.csv >/dev/null 2>&1
check "-o via a dangling link: the link stays, its target is created" \
	sh -c "test -L '$O/l/dangling.txt' && grep -q 'verdict:' '$O/t/new.txt'"
ln -s /proc/self/fd/1 "$O/l/stdout"
"$BIN" -o "$O/l/stdout" fixtures/cases/pass.csv >"$O/t/redirected.txt" 2>"$T/err"
check "-o via a link to /proc/self/fd/1: exit status is the audit's (1)" test $? = 1
check "-o via a link to /proc/self/fd/1: the redirected file receives the report" \
	grep -q 'verdict:' "$O/t/redirected.txt"
check "-o via a link to /proc/self/fd/1: the link stays a link" test -L "$O/l/stdout"
"$BIN" -o "$O/l/stdout" fixtures/cases/pass.csv | cat >"$O/t/piped.txt"
check "-o via a link to /proc/self/fd/1 on a pipe: written in place" \
	sh -c "test -L '$O/l/stdout' && grep -q 'verdict:' '$O/t/piped.txt'"
# As root a regression would replace the machine's /dev/null: use a private
# null device (same major/minor) in the temporary directory instead.
nulldev=/dev/null
if [ "$(id -u)" = 0 ] && mknod -m 666 "$O/t/null" c 1 3 2>/dev/null; then
	nulldev=$O/t/null
fi
ln -s "$nulldev" "$O/l/null.txt"
"$BIN" -o "$O/l/null.txt" fixtures/cases/pass.csv >/dev/null 2>&1
check "-o via a link to /dev/null: link and device untouched" \
	sh -c "test -L '$O/l/null.txt' && test -c '$nulldev' && test \"\$(readlink '$O/l/null.txt')\" = '$nulldev'"
mkfifo "$O/t/fifo"
ln -s ../t/fifo "$O/l/fifo.txt"
timeout 10 cat "$O/t/fifo" >"$O/t/from-fifo.txt" &
"$BIN" -o "$O/l/fifo.txt" fixtures/cases/pass.csv >/dev/null 2>&1
wait
check "-o via a link to a FIFO: written into the FIFO, never renamed over" \
	sh -c "test -L '$O/l/fifo.txt' && test -p '$O/t/fifo' && grep -q 'verdict:' '$O/t/from-fifo.txt'"
ln -s loop.txt "$O/l/loop.txt"
"$BIN" -o "$O/l/loop.txt" fixtures/cases/pass.csv >/dev/null 2>"$T/err"
check "-o naming a symlink loop: exit 4, explained" sh -c "[ $? = 4 ] && grep -q 'loop.txt' '$T/err'"
check "-o naming a symlink loop: the link is left alone" test "$(readlink "$O/l/loop.txt")" = loop.txt

# ---- -o naming a file the run reads other than a report: --waivers ----
cp fixtures/waivers/demo.json "$T/in/w.json"
ln -s w.json "$T/in/wlink.json"
"$BIN" --waivers "$T/in/w.json" -o "$T/in/w.json" fixtures/demo.csv 2>"$T/err"
check "-o naming the --waivers file: exit 2" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
cp fixtures/waivers/demo.json "$T/in/w.json"
"$BIN" --waivers "$T/in/wlink.json" -o "$T/in/w.json" fixtures/demo.csv 2>"$T/err"
check "-o naming the --waivers file by another path (link): exit 2" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
cp fixtures/waivers/demo.json "$T/in/w.json"
"$BIN" --waivers "$T/in/w.json" -o "$T/in/wlink.json" fixtures/demo.csv 2>"$T/err"
check "-o through a link to the --waivers file: exit 2" sh -c "[ $? = 2 ] && grep -q 'also an input' '$T/err'"
check "-o naming the --waivers file: nothing written" \
	sh -c "cmp -s '$T/in/w.json' fixtures/waivers/demo.json && test -L '$T/in/wlink.json' && test -z \"\$(ls '$T/in' | grep '\.tmp\.')\""
"$BIN" history -o "$T/in/w.json" "$T/in/w.json" 2>/dev/null
check "history: -o naming an input: exit 2" test $? = 2

"$BIN" --help >"$T/help"
check "--help lists every --fail-on severity, info too" grep -q 'info, low (default), medium, high, critical' "$T/help"

# ---- determinism and golden files ----
"$BIN" --format json fixtures/demo.csv fixtures/cases/err-two-roots.csv >"$T/a" 2>&1
"$BIN" --format json fixtures/demo.csv fixtures/cases/err-two-roots.csv >"$T/b" 2>&1
check "same input, same bytes" cmp -s "$T/a" "$T/b"
for g in test/golden/*.out; do
	[ -f "$g" ] || continue
	args=$(sed -n 1p "${g%.out}.args")
	# shellcheck disable=SC2086
	"$BIN" $args >"$T/g" 2>&1
	check "golden $(basename "$g")" cmp -s "$T/g" "$g"
done

# ---- hostile text never reaches the terminal raw ----
H=$(head -1 fixtures/demo.csv)
{ echo "$H"; sed -n 2p fixtures/demo.csv;
  printf '"evil\033[2J\033]0;pwned\007\342\200\256gnp.exe=HYPERLINK(""x"")",arn:aws:iam::111122223333:user/evil,2020-01-15T12:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n';
  printf '"<root_account>",arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,true,2021-06-01T09:30:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n'; } >"$T/hostile.csv"
run "$T/hostile.csv"
check "hostile: second root row (quoted) still detected" test "$rc" = 3
run fixtures/cases/hostile-text.csv
check "hostile: audited" test "$rc" = 1
check "hostile: no control or non-ASCII byte in text output" sh -c "! LC_ALL=C grep -q '[^[:print:][:space:]]' '$T/out'"
check "hostile: escape shown as text" grep -qF 'us-east-1\x1B[31m\u{202E}' "$T/out"
check "hostile: backslash doubled" grep -qF 'for s3\\' "$T/out"
run --format json fixtures/cases/hostile-text.csv
check "hostile: JSON valid and ASCII" sh -c "jq -e . '$T/out' >/dev/null && ! LC_ALL=C grep -q '[^[:print:][:space:]]' '$T/out'"
check "hostile: JSON keeps the text" test "$(jq -r '.inputs[0].findings[0].evidence.access_key_1_last_used_region' "$T/out" | od -An -c | tr -s ' ' | head -1)" = "$(printf 'us-east-1\033[31m\342\200\256' | od -An -c | tr -s ' ' | head -1)"

# ---- colour only on a terminal, never with NO_COLOR ----
run fixtures/demo.csv
check "no colour when not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
if command -v script >/dev/null 2>&1; then
	script -qec "$BIN fixtures/demo.csv" /dev/null >"$T/tty" 2>&1
	check "colour on a terminal" grep -q "$(printf '\033')\[" "$T/tty"
	NO_COLOR=1 script -qec "$BIN fixtures/demo.csv" /dev/null >"$T/tty" 2>&1
	check "NO_COLOR turns colour off" sh -c "! grep -q \"$(printf '\033')\[\" '$T/tty'"
	NO_COLOR= script -qec "$BIN fixtures/demo.csv" /dev/null >"$T/tty" 2>&1
	check "NO_COLOR set but empty keeps colour (no-color.org)" grep -q "$(printf '\033')\[" "$T/tty"
fi

# ---- explain --help; singular units; thresholds that would make a rule vacuous ----
"$BIN" explain --help >"$T/out" 2>"$T/err"
check "explain --help prints explain's usage, exit 0" sh -c "[ $? = 0 ] && grep -q '^usage: credaudit explain rule' '$T/out' && [ ! -s '$T/err' ]"
sed 's/2024-05-20T08:14:02+00:00/2024-05-30T23:59:00+00:00/' fixtures/demo.csv >"$T/d1.csv"
run -r root-recent-use --param root-recent-use.days=1 --as-of 2024-05-31T23:59:00Z "$T/d1.csv"
check "one day is '1 day'" grep -q '1 day before the as-of time (a use within 1 day fails)' "$T/out"
"$BIN" history --gap-days 1 fixtures/demo.csv >"$T/out" 2>/dev/null
check "history: 'gaps longer than 1 day'" grep -q 'gaps longer than 1 day are shown' "$T/out"
for p in root-recent-use.days access-key-not-rotated.days credentials-unused.days; do
	"$BIN" --param "$p=0" fixtures/demo.csv >/dev/null 2>"$T/err"
	check "--param $p=0 is a usage error (range 1..36500)" sh -c "[ $? = 2 ] && grep -q 'out of range 1\.\.36500' '$T/err'"
done

# ---- no network code: the binary imports no networking function ----
NETSYMS='socket|socketpair|connect|bind|listen|accept|accept4|getaddrinfo|getnameinfo|gethostbyname|gethostbyname2|gethostbyaddr|gethostbyname_r|send|sendto|sendmsg|sendmmsg|recv|recvfrom|recvmsg|recvmmsg|res_query|res_search|res_init|inet_pton|inet_aton|curl_easy_init'
imports=$(nm -D --undefined-only "${NMBIN:-$BIN}" | awk '{print $NF}' | sed 's/@.*//')
check "binary imports symbols (nm works)" test -n "$imports"
check "binary imports no networking function" sh -c "! echo '$imports' | grep -Exq '$NETSYMS'"
libsyms=$(nm --undefined-only "${B:-build}/libcredaudit.a" | awk 'NF {print $NF}' | sed 's/@.*//')
check "library references symbols (nm read ${B:-build}/libcredaudit.a)" test -n "$libsyms"
check "library references no networking function" sh -c "! echo '$libsyms' | grep -Exq '$NETSYMS'"
# the check itself can fail: a program that calls socket() is caught
printf '#include <sys/socket.h>\nint main(void){return socket(AF_INET,SOCK_STREAM,0)<0;}\n' >"$T/net.c"
if cc -o "$T/net" "$T/net.c" 2>/dev/null; then
	check "symbol check catches socket()" sh -c "nm -D --undefined-only '$T/net' | awk '{print \$NF}' | sed 's/@.*//' | grep -Exq '$NETSYMS'"
fi

# ---- make install / uninstall honour PREFIX and DESTDIR ----
# (the Makefile's check, not the binary's: once, not again in the
# AddressSanitizer and valgrind reruns, which run beside other suites)
if [ -n "${CHECK_INNER:-}" ]; then
	:
elif make -s install DESTDIR="$T/dest" PREFIX=/opt/ca >/dev/null 2>&1; then
	for f in bin/credaudit lib/libcredaudit.a include/credaudit.h share/man/man1/credaudit.1.gz; do
		check "install puts $f under DESTDIR/PREFIX" test -f "$T/dest/opt/ca/$f"
	done
	make -s uninstall DESTDIR="$T/dest" PREFIX=/opt/ca >/dev/null 2>&1
	check "uninstall removes what install put" test -z "$(find "$T/dest" -type f)"
else
	bad "make install DESTDIR=... PREFIX=... failed"
fi

# ---- man page ----
check "man page docs/credaudit.1 exists" test -f docs/credaudit.1
if command -v mandoc >/dev/null 2>&1 && [ -f docs/credaudit.1 ]; then
	check "man page is mandoc -Tlint clean" sh -c "mandoc -Tlint -W warning docs/credaudit.1 >'$T/lint' 2>&1; ! test -s '$T/lint'"
	man_syn=$(mandoc -Tascii docs/credaudit.1 | col -bx | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ //;s/ $//')
	help_syn=$("$BIN" --help | awk '/^usage:/ { u = 1; sub(/^usage: /, ""); print; next } u && /^[ \t]/ { print; next } { u = 0 }' | tr -s ' \t\n' '   ' | sed 's/^ //;s/ $//')
	check "man SYNOPSIS matches --help ($man_syn | $help_syn)" test "$man_syn" = "$help_syn"
fi

echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
