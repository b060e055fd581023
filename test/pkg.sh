#!/bin/sh
# The library and its packaging (docs/packaging.md):
#   - libcredaudit.a and libcredaudit.so define and export only credaudit_*
#     names (nm), the public header declares only credaudit_/CREDAUDIT_
#     names, and a program defining utf8_decode, buf_add, time_format and
#     fingerprint links against both;
#   - make install DESTDIR=... puts every file where it belongs, the example
#     of credaudit(3) builds through pkg-config, shared and static, and runs;
#     make uninstall removes everything;
#   - the tool and the shared library are hardened (readelf, nm);
#   - CPPFLAGS, CFLAGS, LDFLAGS from the command line or the environment
#     are added to the build's own flags (builds in separate directories);
#   - make deb builds the Debian packages and lintian reports no error (here
#     with DEB_BUILD_OPTIONS="nocheck noddebs": the e2e suite runs apart);
#   - make dist writes a tarball that builds and a SHA256SUMS that verifies.
# Prints FAIL lines and "pkg: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
B=${B:-build}
VERSION=$(sed -n 's/^VERSION *= *//p' Makefile)
MAKE="make -s -j2"

if ! $MAKE B="$B" all >"$T/build.log" 2>&1; then
	cat "$T/build.log"
	bad "make all failed"
	finish pkg
	exit 1
fi

# ---- version: Makefile, header, credaudit_version, .pc, Debian ----
maj=$(sed -n 's/^#define CREDAUDIT_VERSION_MAJOR \([0-9]*\)$/\1/p' include/credaudit.h)
min=$(sed -n 's/^#define CREDAUDIT_VERSION_MINOR \([0-9]*\)$/\1/p' include/credaudit.h)
pat=$(sed -n 's/^#define CREDAUDIT_VERSION_PATCH \([0-9]*\)$/\1/p' include/credaudit.h)
check "header: CREDAUDIT_VERSION_MAJOR.MINOR.PATCH is the Makefile's VERSION" \
	test "$maj.$min.$pat" = "$VERSION"
check "header: CREDAUDIT_VERSION is the Makefile's VERSION" \
	grep -q "^#define CREDAUDIT_VERSION \"$VERSION\"$" include/credaudit.h
check "debian/changelog is at the Makefile's VERSION" \
	sh -c "head -n 1 debian/changelog | grep -q '^credaudit ($VERSION)'"
check "shared library's real name carries the version" test -f "$B/libcredaudit.so.$VERSION"
check "libcredaudit.so.$maj -> libcredaudit.so.$VERSION" \
	test "$(readlink "$B/libcredaudit.so.$maj")" = "libcredaudit.so.$VERSION"
check "libcredaudit.so -> libcredaudit.so.$maj" \
	test "$(readlink "$B/libcredaudit.so")" = "libcredaudit.so.$maj"
check "soname is libcredaudit.so.$maj" \
	sh -c "readelf -d '$B/libcredaudit.so.$VERSION' | grep -q 'SONAME.*\[libcredaudit.so.$maj\]'"

# ---- symbols: only credaudit_* names are global ----
# globals FILE...: the defined global symbols of object files or archives
globals() { nm -g --defined-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }
globals "$B/libcredaudit.a" >"$T/a.syms"
nm -D --defined-only "$B/libcredaudit.so" | awk 'NF == 3 { print $3 }' | sort -u >"$T/so.syms"
globals "$B/libcredaudit-internal.a" >"$T/int.syms"
check "libcredaudit.a defines credaudit_ symbols (nm works)" grep -q '^credaudit_audit_new$' "$T/a.syms"
check "libcredaudit.a defines no global symbol without the credaudit_ prefix" \
	sh -c "! grep -v '^credaudit_' '$T/a.syms'"
check "libcredaudit.so exports credaudit_ symbols (nm -D works)" grep -q '^credaudit_audit_new$' "$T/so.syms"
check "libcredaudit.so exports no symbol without the credaudit_ prefix" \
	sh -c "! grep -v '^credaudit_' '$T/so.syms'"
check "libcredaudit.a and libcredaudit.so have the same public symbols" cmp -s "$T/a.syms" "$T/so.syms"
check "credaudit_version is exported" grep -q '^credaudit_version$' "$T/so.syms"
# the check can fail: the objects as compiled have unprefixed globals
check "symbol check catches internal names (libcredaudit-internal.a has utf8_decode)" \
	grep -q '^utf8_decode$' "$T/int.syms"
if [ -f debian/libcredaudit0.symbols ]; then
	sed -n 's/^ \([^@]*\)@Base .*/\1/p' debian/libcredaudit0.symbols | sort >"$T/deb.syms"
	comm -13 "$T/deb.syms" "$T/so.syms" >"$T/unlisted"
	check "debian/libcredaudit0.symbols lists every exported symbol" test ! -s "$T/unlisted"
	sed 's/^/  not in debian\/libcredaudit0.symbols (add " NAME@Base VERSION"): /' "$T/unlisted"
fi

# every name the public header declares starts with credaudit_/CREDAUDIT_
# header_bad FILE: the names FILE declares (macros, tags, typedefs,
# enumerators, functions) without that prefix
KEYWORDS='__cplusplus|__GNUC__|__clang__|defined|sizeof|void|char|int|long|unsigned|const|size_t|int64_t|uint64_t'
header_bad() {
	perl -0777 -ne '
		s{/\*.*?\*/}{}gs; s{//[^\n]*}{}g; s{^\s*#\s*(pragma|if|endif|else)[^\n]*}{}mg;
		my @n;
		push @n, /#\s*define\s+(\w+)/g;
		push @n, /\b(?:struct|enum|union)\s+(\w+)/g;
		push @n, /\(\s*\*\s*(\w+)\s*\)\s*\(/g;            # function pointer typedefs
		push @n, /typedef\s[^;(]*?\b(\w+)\s*;/g;
		while (/\benum\s+\w*\s*\{(.*?)\}/gs) { my $b = $1; push @n, $b =~ /(\w+)\s*(?:=[^,]*)?(?:,|$)/g; }
		push @n, /(\w+)\s*\(/g;                             # functions (and keywords)
		print "$_\n" for @n;
	' "$1" | sort -u | grep -Ev "^(credaudit_|CREDAUDIT_)|^($KEYWORDS)\$"
}
header_bad include/credaudit.h >"$T/hdr.bad"
check "public header declares only credaudit_/CREDAUDIT_ names" sh -c "! grep . '$T/hdr.bad'"
# the check can fail: each kind of unprefixed name is caught
for decl in 'int helper(void);' '#define MAXLEN 8' 'struct node;' 'enum e { E_ONE };' \
	'typedef int (*cb)(void);' 'typedef int count;' 'enum credaudit_x { X_TWO = 2 };'; do
	{ cat include/credaudit.h; printf '%s\n' "$decl"; } >"$T/bad.h"
	if header_bad "$T/bad.h" | grep -q .; then ok; else bad "header check catches: $decl"; fi
done
check "public header compiles alone, as C and as C++ (when c++ exists)" sh -c "
	printf '#include <credaudit.h>\nint main(void){return credaudit_version()[0]==0;}\n' >'$T/h.c' &&
	cc -std=c11 -Wall -Wextra -Wpedantic -Werror -Iinclude -c -o '$T/h.o' '$T/h.c' &&
	{ ! command -v c++ >/dev/null || c++ -Wall -Werror -Iinclude -x c++ -c -o '$T/hpp.o' '$T/h.c'; }"

# a program with names the library uses internally links against both
cat >"$T/clash.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <credaudit.h>
int utf8_decode(const char *s);
int buf_add(int a, int b);
const char *time_format(void);
int fingerprint(void);
int utf8_decode(const char *s) { return (int)strlen(s); }
int buf_add(int a, int b) { return a + b; }
const char *time_format(void) { return "mine"; }
int fingerprint(void) { return 42; }
int main(int argc, char **argv)
{
	struct credaudit_audit *a = credaudit_audit_new(NULL, NULL);
	struct credaudit_report *r = credaudit_audit_file(a, argc > 1 ? argv[1] : "-", NULL);
	printf("%s %d %d %s %d %s\n", credaudit_version(), utf8_decode("abc"), buf_add(1, 2),
	       time_format(), fingerprint(), credaudit_verdict_name(credaudit_report_verdict(r)));
	credaudit_report_free(r);
	credaudit_audit_free(a);
	return 0;
}
EOF
want="$VERSION 3 3 mine 42 fail"
if cc -Iinclude -o "$T/clash-static" "$T/clash.c" "$B/libcredaudit.a" \
	-lcsv -ljansson -lz -lnettle >"$T/clash.log" 2>&1; then
	ok
	check "static: the program's utf8_decode/buf_add/time_format/fingerprint are its own" \
		test "$("$T/clash-static" fixtures/demo.csv)" = "$want"
else
	cat "$T/clash.log"
	bad "a program defining utf8_decode, buf_add, time_format, fingerprint links with libcredaudit.a"
fi
if cc -Iinclude -o "$T/clash-dyn" "$T/clash.c" -L"$B" -lcredaudit >"$T/clash.log" 2>&1; then
	ok
	check "shared: the program's utf8_decode/buf_add/time_format/fingerprint are its own" \
		test "$(LD_LIBRARY_PATH=$B "$T/clash-dyn" fixtures/demo.csv)" = "$want"
	check "shared: the program needs libcredaudit.so.$maj" \
		sh -c "readelf -d '$T/clash-dyn' | grep -q 'NEEDED.*libcredaudit.so.$maj'"
else
	cat "$T/clash.log"
	bad "a program defining utf8_decode, buf_add, time_format, fingerprint links with libcredaudit.so"
fi
# the check can fail: against the objects as compiled, the names collide
check "the collision test can fail (libcredaudit-internal.a: multiple definition)" \
	sh -c "! cc -Iinclude -o '$T/clash-int' '$T/clash.c' '$B/libcredaudit-internal.a' \
		-lcsv -ljansson -lz -lnettle 2>/dev/null"

# ---- make install DESTDIR=..., pkg-config, the example of credaudit(3) ----
D=$T/root
P=/usr/local
if make -s B="$B" install DESTDIR="$D" PREFIX=$P >"$T/install.log" 2>&1; then
	ok
else
	cat "$T/install.log"
	bad "make install DESTDIR=... failed"
fi
for f in bin/credaudit lib/libcredaudit.a "lib/libcredaudit.so.$VERSION" \
	lib/pkgconfig/credaudit.pc include/credaudit.h share/man/man1/credaudit.1.gz \
	share/man/man3/credaudit.3.gz share/doc/credaudit/LICENSE \
	share/doc/credaudit/README.md share/doc/credaudit/packaging.md \
	share/doc/credaudit/example.c; do
	check "install puts $P/$f" test -f "$D$P/$f"
done
check "install: libcredaudit.so.$maj -> libcredaudit.so.$VERSION" \
	test "$(readlink "$D$P/lib/libcredaudit.so.$maj")" = "libcredaudit.so.$VERSION"
check "install: libcredaudit.so -> libcredaudit.so.$maj" \
	test "$(readlink "$D$P/lib/libcredaudit.so")" = "libcredaudit.so.$maj"
check "install: the binary is executable" test -x "$D$P/bin/credaudit"
check "install: LICENSE is the project's" cmp -s LICENSE "$D$P/share/doc/credaudit/LICENSE"
for s in 1 3; do
	check "install: credaudit.$s.gz is docs/credaudit.$s, gzip -9n (no name, no time)" sh -c "
		gzip -dc '$D$P/share/man/man$s/credaudit.$s.gz' | cmp -s - docs/credaudit.$s &&
		gzip -9n <docs/credaudit.$s | cmp -s - '$D$P/share/man/man$s/credaudit.$s.gz'"
done
if command -v mandoc >/dev/null 2>&1; then
	check "credaudit.3 is mandoc -Tlint clean" sh -c "mandoc -Tlint -W warning docs/credaudit.3 >'$T/lint' 2>&1; ! test -s '$T/lint'"
fi
# the example's one copy is in credaudit.3, between BEGIN and END comments
awk '/^\.\\" END example\.c/ { on = 0 } on && !/^\./ { gsub(/\\e/, "\\"); print }
	/^\.\\" BEGIN example\.c/ { on = 1 }' docs/credaudit.3 >"$T/example.c"
check "the example extracted from credaudit.3 is a program" grep -q '^main(int argc' "$T/example.c"
check "the example installed is the one in credaudit.3" cmp -s "$T/example.c" "$D$P/share/doc/credaudit/example.c"

export PKG_CONFIG_PATH="$D$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
check "pkg-config --modversion credaudit is $VERSION" test "$(pkg-config --modversion credaudit)" = "$VERSION"
check "pkg-config --libs: -lcredaudit under DESTDIR" \
	sh -c "pkg-config --libs credaudit | grep -q -- '-L$D$P/lib -lcredaudit'"
check "pkg-config --static --libs names libcsv, jansson, zlib, nettle" sh -c "
	l=\$(pkg-config --static --libs credaudit) && for x in -lcsv -ljansson -lz -lnettle; do
		case \" \$l \" in *\" \$x \"*) ;; *) exit 1 ;; esac; done"
EX=$D$P/share/doc/credaudit/example.c
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Werror -o "$T/ex-dyn" "$EX" \
	$(pkg-config --cflags --libs credaudit) >"$T/ex.log" 2>&1; then
	ok
	check "example (shared) needs libcredaudit.so.$maj" \
		sh -c "readelf -d '$T/ex-dyn' | grep -q 'NEEDED.*libcredaudit.so.$maj'"
	LD_LIBRARY_PATH="$D$P/lib" "$T/ex-dyn" fixtures/demo.csv >"$T/ex-dyn.out" 2>&1
	check "example (shared) exits 1 on a failing report" test $? = 1
	check "example (shared) prints the verdict" grep -qx 'verdict: fail' "$T/ex-dyn.out"
	check "example (shared): credaudit_version() is the installed library's" \
		grep -qx "libcredaudit $VERSION (header $VERSION)" "$T/ex-dyn.out"
	check "example (shared) does not run without the library (it is really shared)" \
		sh -c "! LD_LIBRARY_PATH=/nonexistent '$T/ex-dyn' fixtures/demo.csv >/dev/null 2>&1"
else
	cat "$T/ex.log"
	bad "the example of credaudit(3) builds with pkg-config --cflags --libs"
fi
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Werror -static -o "$T/ex-static" "$EX" \
	$(pkg-config --static --cflags --libs credaudit) >"$T/ex.log" 2>&1; then
	ok
	check "example (static) needs no shared library" \
		sh -c "! readelf -d '$T/ex-static' 2>/dev/null | grep -q NEEDED"
	"$T/ex-static" fixtures/demo.csv >"$T/ex-static.out" 2>&1
	check "example (static) exits 1 on a failing report" test $? = 1
	check "example (static) prints what the shared one does" cmp -s "$T/ex-static.out" "$T/ex-dyn.out"
	"$T/ex-static" fixtures/cases/err-empty.csv >"$T/ex-err.out" 2>&1
	check "example (static) exits 3 on a report that cannot be audited" test $? = 3
	check "example (static) prints verdict: error" grep -qx 'verdict: error' "$T/ex-err.out"
	n=$("$B/credaudit" --format json fixtures/demo.csv | jq '.summary.findings' 2>/dev/null)
	check "example lists the findings credaudit(1) reports ($n)" \
		test "$(grep -c '^[a-z]* [a-z0-9-]* .*: ' "$T/ex-static.out")" = "${n:-x}"
else
	cat "$T/ex.log"
	bad "the example of credaudit(3) builds with pkg-config --static (-static)"
fi
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
make -s B="$B" uninstall DESTDIR="$D" PREFIX=$P >/dev/null 2>&1
check "uninstall removes every file and link install put" \
	sh -c "test -z \"\$(find '$D' ! -type d)\""

# ---- hardening ----
# hardened FILE: full RELRO, BIND_NOW, stack protector and FORTIFY
hardened() {
	readelf -d "$1" | grep -Eq 'FLAGS.*(BIND_NOW|NOW)' &&
		readelf -lW "$1" | grep -q GNU_RELRO &&
		nm -D --undefined-only "$1" | grep -q '__stack_chk_fail' &&
		nm -D --undefined-only "$1" | grep -Eq '__[a-z0-9_]+_chk(@|$)'
}
check "credaudit: BIND_NOW, GNU_RELRO, __stack_chk_fail and _chk functions" hardened "$B/credaudit"
check "credaudit is a PIE (type DYN)" sh -c "readelf -h '$B/credaudit' | grep -q 'Type:.*DYN'"
check "libcredaudit.so: BIND_NOW, GNU_RELRO, __stack_chk_fail and _chk functions" \
	hardened "$B/libcredaudit.so.$VERSION"
# the check can fail: an unhardened program is caught
printf '#include <stdio.h>\n#include <string.h>\nint main(int c,char**v){char b[64];strcpy(b,v[0]);return printf("%%s\\n",b)<0||c<0;}\n' >"$T/soft.c"
if cc -O2 -fno-stack-protector -U_FORTIFY_SOURCE -no-pie -Wl,-z,lazy -Wl,-z,norelro \
	-o "$T/soft" "$T/soft.c" 2>/dev/null; then
	if hardened "$T/soft"; then bad "hardening check catches an unhardened program"; else ok; fi
fi

# ---- flags from the command line and the environment ----
# flagbuild NAME [VAR=VALUE...] make ARGS...: make all in a directory of its
# own, with VAR=VALUE in the environment; the binary must run
flagbuild() {
	name=$1
	shift
	if ! env "$@" B="$T/$name" all >"$T/$name.log" 2>&1; then
		tail -n 20 "$T/$name.log"
		bad "build with $name flags"
		return
	fi
	"$T/$name/credaudit" -q fixtures/demo.csv >/dev/null 2>&1
	check "the build with $name flags runs (exit 1 on the demo report)" test $? = 1
}
# (two builds cover the three cases: CPPFLAGS on the command line, CFLAGS
# from the environment, CFLAGS and LDFLAGS on the command line; the make -n
# checks below take each alone)
# shellcheck disable=SC2086
flagbuild envO1-cppx CFLAGS=-O1 $MAKE CPPFLAGS=-DX
# shellcheck disable=SC2086
flagbuild O0-asneeded $MAKE CFLAGS=-O0 LDFLAGS=-Wl,--as-needed
# the commands, without building
check "make CPPFLAGS=-DX keeps -Iinclude and adds -DX" \
	sh -c "make -n B='$T/n' CPPFLAGS=-DX all | grep 'src/base/util.c' | grep -- '-Iinclude' | grep -q -- '-DX'"
check "CFLAGS=-O1 (environment) is used, with the build's warnings" \
	sh -c "CFLAGS=-O1 make -n B='$T/n' all | grep 'src/base/util.c' | grep -- '-Wconversion' | grep -q -- ' -O1'"
check "LDFLAGS=-Wl,--as-needed is added to -z relro -z now" \
	sh -c "make -n B='$T/n' LDFLAGS=-Wl,--as-needed all | grep -- '-o $T/n/credaudit ' | grep -- '-z,now' | grep -q -- '--as-needed'"
check "_FORTIFY_SOURCE=2 when optimising" \
	sh -c "make -n B='$T/n' all | grep 'src/base/util.c' | grep -q -- '-D_FORTIFY_SOURCE=2'"
check "no _FORTIFY_SOURCE at -O0" \
	sh -c "make -n B='$T/n' CFLAGS=-O0 all | grep 'src/base/util.c' >'$T/O0.cmd' &&
	       grep -q -- ' -O0' '$T/O0.cmd' && ! grep -q FORTIFY '$T/O0.cmd'"
check "CPPFLAGS=-D_FORTIFY_SOURCE=3 (dpkg-buildflags) is not defined twice" \
	sh -c "test \"\$(make -n B='$T/n' CPPFLAGS=-D_FORTIFY_SOURCE=3 all | grep 'src/base/util.c' | grep -o FORTIFY | wc -l)\" = 1"
check "the sanitizer build goes without FORTIFY" \
	sh -c "make -n B='$T/n' asan-build | grep 'src/base/util.c' >'$T/asan.cmd' &&
	       grep -q -- '-fsanitize=address' '$T/asan.cmd' && ! grep -q FORTIFY '$T/asan.cmd'"

# ---- make deb, lintian ----
have_deb_tools() {
	for c in dpkg-buildpackage dh lintian fakeroot; do
		command -v "$c" >/dev/null 2>&1 || return 1
	done
}
have_deb_tools || sh scripts/deps.sh >/dev/null 2>&1
if ! have_deb_tools; then
	echo "SKIP: make deb (dpkg-buildpackage, debhelper or lintian missing and scripts/deps.sh could not install them)"
fi
if have_deb_tools; then
	DB=$T/debbuild
	if DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" make -s deb B="$DB" >"$T/deb.log" 2>&1; then
		ok
	else
		tail -n 40 "$T/deb.log"
		bad "make deb (dpkg-buildpackage, then lintian --fail-on error)"
	fi
	check "lintian reports no error" sh -c "! grep -q '^E: ' '$T/deb.log'"
	grep '^[EW]: ' "$T/deb.log"
	for p in credaudit libcredaudit0 libcredaudit-dev; do
		check "make deb puts ${p}_${VERSION}_*.deb in B" sh -c "ls '$DB'/${p}_${VERSION}_*.deb >/dev/null 2>&1"
	done
	X=$T/debroot
	for p in "$DB"/credaudit_"$VERSION"_*.deb "$DB"/libcredaudit0_"$VERSION"_*.deb \
		"$DB"/libcredaudit-dev_"$VERSION"_*.deb; do
		[ -f "$p" ] && dpkg-deb -x "$p" "$X"
	done
	check "credaudit.deb: the binary, stripped" \
		sh -c "test -x '$X/usr/bin/credaudit' && ! readelf -S '$X/usr/bin/credaudit' | grep -q '\\.debug_info'"
	# libarchive is loaded when an archive is met, not linked: shlibs
	# cannot see it, debian/control names it
	check "credaudit.deb: Depends names libarchive13" \
		sh -c "dpkg-deb -f '$DB'/credaudit_'$VERSION'_*.deb Depends | grep -q 'libarchive13'"
	check "credaudit.deb: copyright is debian/copyright, machine readable" \
		sh -c "cmp -s debian/copyright '$X/usr/share/doc/credaudit/copyright' &&
		       head -n 1 '$X/usr/share/doc/credaudit/copyright' | grep -q copyright-format/1.0"
	check "credaudit.deb: credaudit.1.gz and changelog.gz" \
		test -f "$X/usr/share/man/man1/credaudit.1.gz" -a -f "$X/usr/share/doc/credaudit/changelog.gz"
	MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
	check "libcredaudit0.deb: libcredaudit.so.$maj in the multiarch directory" \
		test -f "$X/usr/lib/$MA/libcredaudit.so.$VERSION" -a -L "$X/usr/lib/$MA/libcredaudit.so.$maj"
	check "libcredaudit-dev.deb: header, static library, .pc, credaudit.3.gz" \
		test -f "$X/usr/include/credaudit.h" -a -f "$X/usr/lib/$MA/libcredaudit.a" \
		-a -f "$X/usr/lib/$MA/pkgconfig/credaudit.pc" -a -f "$X/usr/share/man/man3/credaudit.3.gz"
	# the example, built from the unpacked -dev package
	# shellcheck disable=SC2046
	check "the example builds and runs from the unpacked packages (pkg-config, shared)" sh -c "
		export PKG_CONFIG_PATH='$X/usr/lib/$MA/pkgconfig' PKG_CONFIG_SYSROOT_DIR='$X'
		cc -o '$T/ex-deb' '$X/usr/share/doc/libcredaudit-dev/examples/example.c' \
			-I'$X/usr/include' \$(pkg-config --cflags --libs credaudit) -L'$X/usr/lib/$MA' &&
		LD_LIBRARY_PATH='$X/usr/lib/$MA' '$T/ex-deb' fixtures/demo.csv | grep -qx 'verdict: fail'"
	"$X/usr/bin/credaudit" -q fixtures/demo.csv >/dev/null 2>&1
	check "the packaged credaudit runs (exit 1 on the demo report)" test $? = 1
fi

# ---- make dist ----
DD=$T/distbuild
if make -s dist B="$DD" >"$T/dist.log" 2>&1; then
	ok
else
	cat "$T/dist.log"
	bad "make dist"
fi
TGZ=$DD/credaudit-$VERSION.tar.gz
check "make dist writes credaudit-$VERSION.tar.gz and SHA256SUMS" test -f "$TGZ" -a -f "$DD/SHA256SUMS"
check "SHA256SUMS verifies" sh -c "cd '$DD' && sha256sum -c --quiet SHA256SUMS"
check "SHA256SUMS names the tarball" grep -q " credaudit-$VERSION.tar.gz\$" "$DD/SHA256SUMS"
cp "$TGZ" "$T/first.tar.gz"
make -s dist B="$DD" >/dev/null 2>&1
check "make dist is reproducible (same bytes twice)" cmp -s "$TGZ" "$T/first.tar.gz"
# the check can fail: a changed tarball does not verify
cp -r "$DD" "$T/tampered" && printf 'x' >>"$T/tampered/credaudit-$VERSION.tar.gz"
check "SHA256SUMS catches a changed tarball" sh -c "cd '$T/tampered' && ! sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1"
tar -tzf "$TGZ" >"$T/dist.list" 2>/dev/null
for f in Makefile include/credaudit.h docs/credaudit.3 debian/control credaudit.pc.in LICENSE; do
	check "tarball holds $f" grep -qx "credaudit-$VERSION/$f" "$T/dist.list"
done
check "tarball holds no build output" sh -c "! grep -q '^credaudit-$VERSION/build/' '$T/dist.list'"
# the tarball holds every file git tracks (and builds: the deb is built from
# the same list, by make deb)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files | sed "s|^|credaudit-$VERSION/|" | sort >"$T/git.list"
	sort "$T/dist.list" | grep -v '/$' >"$T/dist.files"
	check "tarball holds exactly the files git tracks" cmp -s "$T/git.list" "$T/dist.files"
fi

finish pkg
