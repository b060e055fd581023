#!/bin/sh
# make static: the statically linked binary build/static/credaudit needs no
# shared library, defines no networking function, and passes the
# end-to-end suites (e2e, rules, containers, hostile, limits) and the
# sandbox checks (with a static build of the sandbox probe).  Works on a fresh
# clone: it also builds the dynamic binary (the e2e symbol test reads it).
# Every suite runs under timeout(1): a broken binary fails, never hangs.
# Prints FAIL lines and "static: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
S=build/static/credaudit
LIMIT=${SUITE_TIMEOUT:-1800}
mkdir -p build || exit 1
if ! make -s all static-build >build/static-build.log 2>&1; then
	cat build/static-build.log
	bad "make static-build failed"
fi
check "static binary built" test -x "$S"
check "no shared library needed (no PT_INTERP, no NEEDED)" sh -c "! readelf -d '$S' 2>/dev/null | grep -q NEEDED && ! readelf -l '$S' | grep -q INTERP"
NETSYMS='socket|socketpair|connect|bind|listen|accept|accept4|getaddrinfo|getnameinfo|gethostbyname|gethostbyname2|gethostbyaddr|send|sendto|sendmsg|recv|recvfrom|recvmsg|res_query|res_search|inet_pton|inet_aton'
# credaudit's own objects call no networking function.  (glibc's static
# archive brings internal socket code of its own, e.g. its nscd and netlink
# clients; the sandbox checks below, run against the static binary, show
# that any socket call is refused at run time.)
check "static build: credaudit's objects reference no networking function" sh -c "! nm --undefined-only build/static/*/*.o | awk 'NF {print \$NF}' | sed 's/@.*//' | grep -Exq '$NETSYMS'"
# nm -D of a static binary lists nothing: the e2e symbol test reads the
# dynamic build for that, the checks above cover the static one
for s in e2e rules containers hostile limits sandbox; do
	out=$(B=build/static BIN=$S NMBIN=build/credaudit timeout -k 10 "$LIMIT" \
		sh "test/$s.sh" 2>&1 </dev/null)
	if add_suite "$s" "$out"; then
		printf '%s\n' "$out" | grep '^FAIL'
	else
		bad "test/$s.sh did not finish against the static binary"
	fi
done
finish static
