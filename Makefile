# credaudit - audit AWS IAM credential reports offline.
# make              build build/credaudit, build/libcredaudit.a and
#                   build/libcredaudit.so.$(VERSION) (soname libcredaudit.so.0)
# make check        install missing dependencies, build, run every test
# make demo         install missing dependencies, build, audit a sample report
# make bench        the benchmark (slow; not part of make check)
# make install      PREFIX=/usr/local DESTDIR= (binary, libraries, header,
#                   credaudit.pc, man pages, docs); make uninstall
# make deb          Debian packages in build/ (dpkg-buildpackage, lintian)
# make dist         build/credaudit-$(VERSION).tar.gz and build/SHA256SUMS
# make asan         the whole test suite under AddressSanitizer + UBSan
# make valgrind     the unit tests and the input suites under valgrind
#                   --leak-check=full (VG_SUITES=all: every suite)
# make fuzz         libFuzzer over the whole pipeline, FUZZ_SECONDS=60
# make coverage     line and branch coverage of src/ (gcovr)
# make static       build/static/credaudit, statically linked, and its tests
# make golden       regenerate test/golden/*.out (review the diff before committing)
#
# CPPFLAGS, CFLAGS and LDFLAGS given on the command line or in the
# environment are added to what the build needs (ALL_CPPFLAGS, ALL_CFLAGS,
# ALL_LDFLAGS), never replace it.  Hardened by default: stack protector,
# _FORTIFY_SOURCE=2 when optimising (unless CPPFLAGS or CFLAGS set it; the
# sanitizer builds go without), PIE, full RELRO (-z relro -z now).

VERSION  = 0.1.0
SOVERSION = 0
PREFIX   = /usr/local
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include
MANDIR   = $(PREFIX)/share/man
DOCDIR   = $(PREFIX)/share/doc/credaudit
PCDIR    = $(LIBDIR)/pkgconfig

CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wconversion -Wsign-conversion -Wcast-qual \
           -Wformat=2 -Wvla
# The library's own dependencies (credaudit.pc), then the CLI's.
LIBLIBS  = -lcsv -ljansson -lz -lnettle
# libarchive is loaded by the CLI when an archive is met (src/cli/archive.c),
# not linked, but for the static build.
LDLIBS   = $(LIBLIBS) -lpthread -lseccomp -ldl
AR       = ar
LD       = ld
OBJCOPY  = objcopy

# Hardening: FORTIFY only when CFLAGS optimise (its checks need it) and
# neither CPPFLAGS nor CFLAGS already choose a level.
OPTLEVEL = $(lastword $(filter -O%,$(CFLAGS)))
FORTIFY  = $(if $(filter-out -O0,$(OPTLEVEL)),$(if $(findstring _FORTIFY_SOURCE,$(CPPFLAGS) $(CFLAGS)),,-D_FORTIFY_SOURCE=2))
HARDEN_CFLAGS  = -fstack-protector-strong
HARDEN_LDFLAGS = -Wl,-z,relro,-z,now
PIE      = -pie

ALL_CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L $(FORTIFY) $(ARCHIVE_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(HARDEN_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  = $(HARDEN_LDFLAGS) $(LDFLAGS)
# Library objects: position independent (they go into the shared library
# too), and hidden but for what include/credaudit.h declares.
LIB_CFLAGS   = -fPIC -fvisibility=hidden

B        = build
# The library, stage by stage (docs/design.md): each folder of src/ is one
# stage and includes headers only of its own or earlier stages.
LIBSRC   = src/base/util.c src/base/escape.c src/base/version.c \
           src/input/container.c src/input/read.c \
           src/csv/csvread.c \
           src/model/value.c src/model/model.c src/model/header.c \
           src/model/identity.c src/model/asof.c \
           src/rules/rules.c src/rules/check.c src/rules/root.c \
           src/rules/users.c src/rules/eval.c src/rules/held.c \
           src/rules/waiver.c src/rules/jsonfile.c \
           src/report/audit.c src/report/build.c src/report/results.c \
           src/report/report.c src/report/verdict.c src/report/summary.c \
           src/report/manifest.c src/report/baseline.c \
           src/history/derive.c src/history/history.c \
           src/render/render.c src/render/json.c src/render/words.c src/render/redact.c \
           src/render/render_text.c src/render/render_json.c \
           src/render/render_sarif.c src/render/render_junit.c \
           src/render/render_csv.c src/render/render_ocsf.c \
           src/render/render_asff.c \
           src/render/render_html.c src/render/spool.c \
           src/render/history_render.c src/render/history_text.c \
           src/render/history_json.c src/render/history_html.c
# The CLI builds on the public header only (-Iinclude, no -Isrc), which
# keeps the boundary between library and CLI.
CLISRC   = src/cli/main.c src/cli/options.c src/cli/run.c src/cli/cli.c \
           src/cli/output.c src/cli/cli_rules.c src/cli/walk.c src/cli/archive.c \
           src/cli/batch.c src/cli/sandbox.c src/cli/cmd_history.c
LIBOBJ   = $(LIBSRC:src/%.c=$(B)/%.o)
CLIOBJ   = $(CLISRC:src/%.c=$(B)/%.o)
HEADERS  = include/credaudit.h $(wildcard src/*/*.h)
TESTS    = $(patsubst test/%.c,$(B)/%,$(wildcard test/test_*.c))

SONAME   = libcredaudit.so.$(SOVERSION)
SOLIB    = libcredaudit.so.$(VERSION)
# The unit tests, the fuzz target and the sandbox probe use internal
# functions: they link libcredaudit-internal.a, the library's objects as
# compiled.  libcredaudit.a, installed, holds them as one relocatable object
# whose internal (hidden) symbols are made local: only credaudit_* names are
# global, so a program's own buf_add or utf8_decode never collides.
INTLIB   = $(B)/libcredaudit-internal.a

all: $(B)/credaudit $(B)/libcredaudit.a $(B)/$(SOLIB) $(B)/$(SONAME) \
    $(B)/libcredaudit.so

$(B)/.dirstamp:
	mkdir -p $(B)
	touch $@

$(B)/%.o: src/%.c $(HEADERS) $(B)/.dirstamp
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Isrc $(ALL_CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c $(HEADERS) $(B)/.dirstamp
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fPIE -c -o $@ $<

$(INTLIB): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/libcredaudit.o: $(LIBOBJ)
	$(LD) -r -o $@.tmp $(LIBOBJ)
	$(OBJCOPY) --localize-hidden $@.tmp $@
	rm -f $@.tmp

$(B)/libcredaudit.a: $(B)/libcredaudit.o
	rm -f $@
	$(AR) rcs $@ $(B)/libcredaudit.o

$(B)/$(SOLIB): $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) $(ALL_LDFLAGS) \
	    -o $@ $(LIBOBJ) $(LIBLIBS)

$(B)/$(SONAME): $(B)/$(SOLIB)
	ln -sf $(SOLIB) $@

$(B)/libcredaudit.so: $(B)/$(SONAME)
	ln -sf $(SONAME) $@

$(B)/credaudit: $(CLIOBJ) $(B)/libcredaudit.a
	$(CC) $(ALL_CFLAGS) $(PIE) $(ALL_LDFLAGS) -o $@ $(CLIOBJ) $(B)/libcredaudit.a \
	    $(LDLIBS)

$(B)/csvcheck.o: test/csvcheck.c test/csvcheck.h $(HEADERS) $(B)/.dirstamp
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc -Itest -c -o $@ test/csvcheck.c

$(B)/test_%: test/test_%.c test/testutil.h $(INTLIB) $(B)/csvcheck.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc -Itest $(ALL_LDFLAGS) -o $@ $< \
	    $(B)/csvcheck.o $(INTLIB) $(LDLIBS) -lcmocka

# The CLI's options table on its own, over the CLI's objects it needs.
OPTTESTOBJ = $(B)/cli/options.o $(B)/cli/cli_rules.o $(B)/cli/output.o \
             $(B)/cli/batch.o $(B)/cli/walk.o $(B)/cli/archive.o $(B)/cli/cli.o
$(B)/test_options: test/test_options.c test/testutil.h $(OPTTESTOBJ) $(INTLIB)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc/cli -Itest $(ALL_LDFLAGS) -o $@ $< \
	    $(OPTTESTOBJ) $(INTLIB) $(LDLIBS) -lcmocka

# The directory walk and the atomic output, over the CLI's objects they need.
WALKTESTOBJ = $(B)/cli/walk.o $(B)/cli/output.o $(B)/cli/cli.o
$(B)/test_walk: test/test_walk.c test/testutil.h $(WALKTESTOBJ) $(INTLIB)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc/cli -Itest $(ALL_LDFLAGS) -o $@ $< \
	    $(WALKTESTOBJ) $(INTLIB) $(LDLIBS) -lcmocka

$(B)/sandbox_probe: test/sandbox_probe.c $(B)/cli/sandbox.o $(B)/cli/cli.o $(INTLIB)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< \
	    $(B)/cli/sandbox.o $(B)/cli/cli.o $(INTLIB) $(LDLIBS) -lpthread

# The benchmark's tools (bench/): report generator, raw libcsv baseline,
# the floor (read and SHA-256 only), empty program.
$(B)/bench-gen: bench/gen.c $(B)/.dirstamp
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ bench/gen.c

$(B)/bench-rawcsv: bench/rawcsv.c bench/inputs.h $(B)/cli/walk.o $(B)/cli/cli.o $(B)/base/util.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ bench/rawcsv.c \
	    $(B)/cli/walk.o $(B)/cli/cli.o $(B)/base/util.o -lcsv

$(B)/bench-digest: bench/digest.c bench/inputs.h $(B)/cli/walk.o $(B)/cli/cli.o $(B)/base/util.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ bench/digest.c \
	    $(B)/cli/walk.o $(B)/cli/cli.o $(B)/base/util.o -lnettle

$(B)/bench-empty: bench/empty.c $(B)/.dirstamp
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ bench/empty.c

$(B)/bench-cpu: bench/cpu.c $(B)/.dirstamp
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ bench/cpu.c

BENCHTOOLS = $(B)/bench-gen $(B)/bench-rawcsv $(B)/bench-digest $(B)/bench-empty \
             $(B)/bench-cpu

# make bench: slow (minutes), not part of make check; see docs/PERFORMANCE.md.
bench: deps all $(BENCHTOOLS)
	sh bench/run.sh

# Dependencies (Debian packages) are installed by the project's own script.
deps:
	sh scripts/deps.sh

tests: all $(TESTS) $(BENCHTOOLS) $(B)/sandbox_probe

check: deps
	$(MAKE) WERROR=-Werror CFLAGS="$(CFLAGS) -Werror" tests
	sh test/run.sh

# ---- robustness: sanitizers, valgrind (docs/SECURITY.md) ----
# clang when installed, else gcc: both know address and undefined.
SANCC    = $$(command -v clang >/dev/null 2>&1 && echo clang || echo gcc)
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=all

asan-build:
	$(MAKE) B=$(B)/asan CC="$(SANCC)" CFLAGS="$(SANFLAGS) -Werror" FORTIFY= \
	    LDFLAGS="$(SANFLAGS)" tests

# Failure injection (test/failinj.sh): CREDAUDIT_FAIL_ALLOC=N fails the N-th
# allocation; only this build has the countdown.
failinj-build:
	$(MAKE) B=$(B)/failinj CC="$(SANCC)" \
	    CFLAGS="$(SANFLAGS) -DCREDAUDIT_FAILPOINTS -Werror" FORTIFY= \
	    LDFLAGS="$(SANFLAGS)" $(B)/failinj/credaudit

# The library's allocation failures through its API (test/test_alloc.c),
# jansson's included, in the same build.
failinj-test:
	$(MAKE) B=$(B)/failinj CC="$(SANCC)" \
	    CFLAGS="$(SANFLAGS) -DCREDAUDIT_FAILPOINTS -Werror" FORTIFY= \
	    LDFLAGS="$(SANFLAGS)" $(B)/failinj/test_alloc
	$(B)/failinj/test_alloc

# libFuzzer target over the whole pipeline (fuzz/fuzz_audit.c).
FUZZ_SECONDS = 60
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
            -fno-sanitize-recover=all

fuzz-build:
	$(MAKE) B=$(B)/fuzz CC=clang FORTIFY= \
	    CFLAGS="$(FUZZFLAGS) -fsanitize=fuzzer-no-link -Werror" \
	    $(B)/fuzz/libcredaudit-internal.a
	clang -Iinclude -D_POSIX_C_SOURCE=200809L $(CPPFLAGS) $(WARN) $(FUZZFLAGS) \
	    -fsanitize=fuzzer -Werror -Isrc -Itest \
	    -o $(B)/fuzz/fuzz_audit fuzz/fuzz_audit.c test/csvcheck.c \
	    $(B)/fuzz/libcredaudit-internal.a $(LDLIBS)

fuzz: deps fuzz-build
	sh scripts/fuzz.sh $(FUZZ_SECONDS)

# Line and branch coverage of src/ by the unit tests and the test scripts;
# fails when a suite fails or under 95 % of lines or 90 % of branches.
# -fprofile-update=atomic: threads (--jobs) and forked processes update the
# counters; without it gcov can read negative counts.
COVFLAGS = -O0 -g --coverage -fprofile-update=atomic

coverage: deps
	rm -rf $(B)/cov
	$(MAKE) B=$(B)/cov LDFLAGS="--coverage -fprofile-update=atomic" tests \
	    CFLAGS="$(COVFLAGS) -DCREDAUDIT_SANDBOX_INSTRUMENTED -DCREDAUDIT_FAILPOINTS"
	sh scripts/coverage.sh $(B)/cov

# A statically linked binary for air-gapped hosts, and its test suite.
# A static binary links libarchive instead of loading it
# (CREDAUDIT_ARCHIVE_LINKED), with its own libraries (pkg-config --static;
# libxml2's ICU is C++).
STATIC_LDLIBS = $(LDLIBS) $(shell pkg-config --static --libs libarchive libxml-2.0) -lstdc++
static-build:
	$(MAKE) B=$(B)/static LDFLAGS="-static" LDLIBS="$(STATIC_LDLIBS)" \
	    ARCHIVE_CPPFLAGS=-DCREDAUDIT_ARCHIVE_LINKED $(B)/static/credaudit \
	    $(B)/static/sandbox_probe

static: deps
	sh test/static.sh

asan: deps
	sh test/sanitize.sh asan

valgrind: deps
	sh test/sanitize.sh valgrind

demo: deps
	$(MAKE) all
	./$(B)/credaudit fixtures/demo.csv; test $$? -eq 1
	./$(B)/credaudit --format json fixtures/demo.csv; test $$? -eq 1

# Golden files: each test/golden/NAME.args holds the arguments of one run,
# NAME.out its expected output (compared by test/formats.sh).
golden: all
	sh test/golden.sh

manlint:
	mandoc -Tlint -W warning docs/credaudit.1 docs/credaudit.3

# What make install puts under share/doc/credaudit besides LICENSE.
DOCS     = README.md docs/PERFORMANCE.md docs/SECURITY.md docs/containers.md \
           docs/design.md docs/formats.md docs/history.md docs/json.md \
           docs/packaging.md docs/rules.md docs/waivers.md

# The example program of credaudit(3), kept only there (test/pkg.sh builds
# and runs it; make install puts it beside the docs).
$(B)/example.c: docs/credaudit.3 $(B)/.dirstamp
	sed -n '/^\.\\" BEGIN example.c/,/^\.\\" END example.c/p' docs/credaudit.3 | \
	    sed -e '/^\./d' -e 's/\\e/\\/g' >$@

install: all $(B)/example.c
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) \
	    $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(DOCDIR)
	install -m 755 $(B)/credaudit $(DESTDIR)$(BINDIR)/credaudit
	install -m 644 $(B)/libcredaudit.a $(DESTDIR)$(LIBDIR)/libcredaudit.a
	install -m 644 $(B)/$(SOLIB) $(DESTDIR)$(LIBDIR)/$(SOLIB)
	ln -sf $(SOLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libcredaudit.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    credaudit.pc.in >$(DESTDIR)$(PCDIR)/credaudit.pc
	chmod 644 $(DESTDIR)$(PCDIR)/credaudit.pc
	install -m 644 include/credaudit.h $(DESTDIR)$(INCDIR)/credaudit.h
	gzip -9n <docs/credaudit.1 >$(DESTDIR)$(MANDIR)/man1/credaudit.1.gz
	gzip -9n <docs/credaudit.3 >$(DESTDIR)$(MANDIR)/man3/credaudit.3.gz
	chmod 644 $(DESTDIR)$(MANDIR)/man1/credaudit.1.gz \
	    $(DESTDIR)$(MANDIR)/man3/credaudit.3.gz
	install -m 644 LICENSE $(DOCS) $(B)/example.c $(DESTDIR)$(DOCDIR)
	mkdir -p $(DESTDIR)$(PREFIX)/share/credaudit
	install -m 644 docs/credaudit.schema.json $(DESTDIR)$(PREFIX)/share/credaudit/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/credaudit $(DESTDIR)$(LIBDIR)/libcredaudit.a \
	    $(DESTDIR)$(LIBDIR)/$(SOLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libcredaudit.so $(DESTDIR)$(PCDIR)/credaudit.pc \
	    $(DESTDIR)$(INCDIR)/credaudit.h $(DESTDIR)$(MANDIR)/man1/credaudit.1.gz \
	    $(DESTDIR)$(MANDIR)/man3/credaudit.3.gz
	rm -f $(DESTDIR)$(DOCDIR)/LICENSE $(DESTDIR)$(DOCDIR)/example.c \
	    $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	rm -f $(DESTDIR)$(PREFIX)/share/credaudit/credaudit.schema.json
	-rmdir $(DESTDIR)$(DOCDIR) $(DESTDIR)$(PREFIX)/share/credaudit 2>/dev/null

# The source files: those git tracks (as they are in the working tree), or
# every file but build/ outside a git checkout (an unpacked tarball).
SRCFILES = $$(if git rev-parse --is-inside-work-tree >/dev/null 2>&1; \
    then git ls-files; else find . -path ./$(B) -prune -o -type f -print; fi)

# Debian packages (docs/packaging.md), built out of tree in $(B)/deb from a
# copy of the sources; the .deb files land in $(B).  DEB_BUILD_OPTIONS as
# usual (nocheck skips the tests the package build runs).  The package
# build runs its own make in the copy: none of this make's variables.
deb:
	rm -rf $(B)/deb
	mkdir -p $(B)/deb/credaudit-$(VERSION)
	tar -cf - $(SRCFILES) | tar -xf - -C $(B)/deb/credaudit-$(VERSION)
	cd $(B)/deb/credaudit-$(VERSION) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    dpkg-buildpackage -b -us -uc
	cp $(B)/deb/*.deb $(B)/
	lintian --fail-on error $(B)/deb/credaudit_$(VERSION)_*.changes

# The release tarball and its checksum, in $(B).
dist:
	rm -rf $(B)/dist
	mkdir -p $(B)/dist/credaudit-$(VERSION)
	tar -cf - $(SRCFILES) | tar -xf - -C $(B)/dist/credaudit-$(VERSION)
	cd $(B)/dist && tar --sort=name --owner=0 --group=0 --numeric-owner \
	    --mtime=@$$(git log -1 --format=%ct 2>/dev/null || echo 0) \
	    -cf - credaudit-$(VERSION) | gzip -9n >../credaudit-$(VERSION).tar.gz
	rm -rf $(B)/dist
	cd $(B) && sha256sum credaudit-$(VERSION).tar.gz \
	    $$(ls credaudit_$(VERSION)_*.deb libcredaudit*_$(VERSION)_*.deb \
	    static/credaudit 2>/dev/null) >SHA256SUMS

format:
	clang-format -i src/*/*.c src/*/*.h include/*.h test/*.c test/*.h

clean:
	rm -rf $(B)

.PHONY: all deps tests check golden asan-build failinj-build failinj-test asan valgrind fuzz-build fuzz coverage static-build static demo bench manlint install uninstall deb dist format clean
