# credaudit - audit AWS IAM credential reports offline.
# make              build build/credaudit and build/libcredaudit.a
# make check        install missing dependencies, build, run every test
# make demo         install missing dependencies, build, audit a sample report
# make bench        the benchmark (slow; not part of make check)
# make install      PREFIX=/usr/local DESTDIR= (binary, library, header, man page)
# make asan         the whole test suite under AddressSanitizer + UBSan
# make valgrind     the whole test suite under valgrind --leak-check=full
# make fuzz         libFuzzer over the whole pipeline, FUZZ_SECONDS=60
# make coverage     line and branch coverage of src/ (gcovr)
# make static       build/static/credaudit, statically linked, and its tests
# make golden       regenerate test/golden/*.out (review the diff before committing)

VERSION  = 0.1.0
PREFIX   = /usr/local
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include
MANDIR   = $(PREFIX)/share/man

CC       = cc
CFLAGS   = -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wconversion -Wsign-conversion -Wcast-qual \
           -Wformat=2 -Wvla
CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L
LDLIBS   = -lcsv -ljansson -lz -lnettle -lpthread -lseccomp
AR       = ar

B        = build
# The library, stage by stage (docs/design.md): each folder of src/ is one
# stage and includes headers only of its own or earlier stages.
LIBSRC   = src/base/util.c src/base/escape.c \
           src/input/container.c src/input/read.c \
           src/csv/csvread.c \
           src/model/value.c src/model/model.c src/model/header.c \
           src/model/identity.c src/model/asof.c \
           src/rules/rules.c src/rules/check.c src/rules/root.c \
           src/rules/users.c src/rules/eval.c src/rules/held.c \
           src/rules/waiver.c \
           src/report/audit.c src/report/build.c src/report/results.c \
           src/report/report.c src/report/verdict.c src/report/summary.c \
           src/report/manifest.c src/report/baseline.c \
           src/history/derive.c src/history/history.c \
           src/render/render.c src/render/json.c src/render/words.c src/render/redact.c \
           src/render/render_text.c src/render/render_json.c \
           src/render/render_sarif.c src/render/render_junit.c \
           src/render/render_csv.c src/render/render_ocsf.c \
           src/render/render_html.c \
           src/render/history_render.c src/render/history_text.c \
           src/render/history_json.c src/render/history_html.c
# The CLI builds on the public header only (-Iinclude, no -Isrc), which
# keeps the boundary between library and CLI.
CLISRC   = src/cli/main.c src/cli/options.c src/cli/run.c src/cli/cli.c \
           src/cli/output.c src/cli/cli_rules.c src/cli/walk.c \
           src/cli/batch.c src/cli/sandbox.c src/cli/cmd_history.c
LIBOBJ   = $(LIBSRC:src/%.c=$(B)/%.o)
CLIOBJ   = $(CLISRC:src/%.c=$(B)/%.o)
HEADERS  = include/credaudit.h $(wildcard src/*/*.h)
TESTS    = $(patsubst test/%.c,$(B)/%,$(wildcard test/test_*.c))

all: $(B)/credaudit $(B)/libcredaudit.a

$(B)/.dirstamp:
	mkdir -p $(B)
	touch $@

$(B)/%.o: src/%.c $(HEADERS) $(B)/.dirstamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c $(HEADERS) $(B)/.dirstamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(B)/libcredaudit.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/credaudit: $(CLIOBJ) $(B)/libcredaudit.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLIOBJ) $(B)/libcredaudit.a $(LDLIBS)

$(B)/csvcheck.o: test/csvcheck.c test/csvcheck.h $(HEADERS) $(B)/.dirstamp
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -Itest -c -o $@ test/csvcheck.c

$(B)/test_%: test/test_%.c test/testutil.h $(B)/libcredaudit.a $(B)/csvcheck.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -Itest -o $@ $< $(B)/csvcheck.o \
	    $(B)/libcredaudit.a $(LDLIBS) -lcmocka

# The CLI's options table on its own, over the CLI's objects it needs.
OPTTESTOBJ = $(B)/cli/options.o $(B)/cli/cli_rules.o $(B)/cli/output.o \
             $(B)/cli/batch.o $(B)/cli/walk.o $(B)/cli/cli.o
$(B)/test_options: test/test_options.c test/testutil.h $(OPTTESTOBJ) $(B)/libcredaudit.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc/cli -Itest -o $@ $< $(OPTTESTOBJ) \
	    $(B)/libcredaudit.a $(LDLIBS) -lcmocka

# The directory walk and the atomic output, over the CLI's objects they need.
WALKTESTOBJ = $(B)/cli/walk.o $(B)/cli/output.o $(B)/cli/cli.o
$(B)/test_walk: test/test_walk.c test/testutil.h $(WALKTESTOBJ) $(B)/libcredaudit.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc/cli -Itest -o $@ $< $(WALKTESTOBJ) \
	    $(B)/libcredaudit.a $(LDLIBS) -lcmocka

$(B)/sandbox_probe: test/sandbox_probe.c $(B)/cli/sandbox.o $(B)/cli/cli.o \
    $(B)/libcredaudit.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -o $@ $< $(B)/cli/sandbox.o \
	    $(B)/cli/cli.o $(B)/libcredaudit.a $(LDLIBS) -lpthread

# The benchmark's tools (bench/): report generator, raw libcsv baseline,
# empty program.
$(B)/bench-gen: bench/gen.c $(B)/.dirstamp
	$(CC) $(WARN) $(CFLAGS) -o $@ bench/gen.c

$(B)/bench-rawcsv: bench/rawcsv.c $(B)/cli/walk.o $(B)/cli/cli.o $(B)/base/util.o
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Isrc -o $@ bench/rawcsv.c $(B)/cli/walk.o \
	    $(B)/cli/cli.o $(B)/base/util.o -lcsv

$(B)/bench-empty: bench/empty.c $(B)/.dirstamp
	$(CC) $(WARN) $(CFLAGS) -o $@ bench/empty.c

BENCHTOOLS = $(B)/bench-gen $(B)/bench-rawcsv $(B)/bench-empty

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
	$(MAKE) B=$(B)/asan CC="$(SANCC)" CFLAGS="$(SANFLAGS) -Werror" \
	    LDFLAGS="$(SANFLAGS)" tests

# Failure injection (test/failinj.sh): CREDAUDIT_FAIL_ALLOC=N fails the N-th
# allocation; only this build has the countdown.
failinj-build:
	$(MAKE) B=$(B)/failinj CC="$(SANCC)" \
	    CFLAGS="$(SANFLAGS) -DCREDAUDIT_FAILPOINTS -Werror" \
	    LDFLAGS="$(SANFLAGS)" $(B)/failinj/credaudit

# The library's allocation failures through its API (test/test_alloc.c),
# jansson's included, in the same build.
failinj-test:
	$(MAKE) B=$(B)/failinj CC="$(SANCC)" \
	    CFLAGS="$(SANFLAGS) -DCREDAUDIT_FAILPOINTS -Werror" \
	    LDFLAGS="$(SANFLAGS)" $(B)/failinj/test_alloc
	$(B)/failinj/test_alloc

# libFuzzer target over the whole pipeline (fuzz/fuzz_audit.c).
FUZZ_SECONDS = 60
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
            -fno-sanitize-recover=all

fuzz-build:
	$(MAKE) B=$(B)/fuzz CC=clang \
	    CFLAGS="$(FUZZFLAGS) -fsanitize=fuzzer-no-link -Werror" \
	    $(B)/fuzz/libcredaudit.a
	clang $(CPPFLAGS) $(WARN) $(FUZZFLAGS) -fsanitize=fuzzer -Werror -Isrc -Itest \
	    -o $(B)/fuzz/fuzz_audit fuzz/fuzz_audit.c test/csvcheck.c \
	    $(B)/fuzz/libcredaudit.a $(LDLIBS)

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
static-build:
	$(MAKE) B=$(B)/static LDFLAGS="-static" $(B)/static/credaudit \
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
	mandoc -Tlint -W warning docs/credaudit.1

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(MANDIR)/man1
	cp $(B)/credaudit $(DESTDIR)$(BINDIR)/credaudit
	cp $(B)/libcredaudit.a $(DESTDIR)$(LIBDIR)/libcredaudit.a
	cp include/credaudit.h $(DESTDIR)$(INCDIR)/credaudit.h
	cp docs/credaudit.1 $(DESTDIR)$(MANDIR)/man1/credaudit.1
	chmod 755 $(DESTDIR)$(BINDIR)/credaudit
	chmod 644 $(DESTDIR)$(LIBDIR)/libcredaudit.a $(DESTDIR)$(INCDIR)/credaudit.h \
	    $(DESTDIR)$(MANDIR)/man1/credaudit.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/credaudit $(DESTDIR)$(LIBDIR)/libcredaudit.a \
	    $(DESTDIR)$(INCDIR)/credaudit.h $(DESTDIR)$(MANDIR)/man1/credaudit.1

format:
	clang-format -i src/*/*.c src/*/*.h include/*.h test/*.c test/*.h

clean:
	rm -rf $(B)

.PHONY: all deps tests check golden asan-build failinj-build failinj-test asan valgrind fuzz-build fuzz coverage static-build static demo bench manlint install uninstall format clean
