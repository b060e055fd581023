#!/bin/sh
# Install the Debian packages credaudit needs to build and test, if missing.
# Run by `make check` and `make demo`; safe to run again (does nothing then).
set -eu

# build: compiler, libcsv, jansson, zlib (gzip), nettle (base64, SHA-256),
# libseccomp (sandbox); test: cmocka, mandoc (man page lint), jq (JSON checks
# in end-to-end tests), binutils (nm for the symbol test); robustness: clang
# (sanitizers, libFuzzer), valgrind (also bench: callgrind), gcovr (make
# coverage); bench: time (/usr/bin/time -v: peak RSS); formats:
# python3-jsonschema (SARIF schema), libxml2-utils (xmllint: JUnit, HTML),
# chromium (the HTML report rendered headless; large: when it cannot be
# installed, the rest still is and test/browser.sh prints a SKIP line),
# libreoffice-calc (csv output imported with ; as the separator; large and
# optional the same way: test/formats.sh prints a SKIP line without it);
# packaging (make deb, make dist, test/pkg.sh): debhelper, dpkg-dev,
# fakeroot, lintian, pkg-config, git (the tracked files);
# libarchive-dev (zip and tar archives read as containers), with the
# static libraries its static link needs (make static): libacl1-dev,
# libzstd-dev, liblz4-dev;
# poppler-utils (pdftotext: the printed HTML report's text). npm, when
# present (it comes with Node.js), installs
# axe-core, pinned in test/package.json and test/package-lock.json, into
# test/node_modules: the accessibility check of test/browser.sh.
PKGS="gcc make libcsv-dev libjansson-dev zlib1g-dev nettle-dev libseccomp-dev
libcmocka-dev mandoc jq binutils time clang valgrind gcovr python3
python3-jsonschema libxml2-utils chromium libreoffice-calc
debhelper dpkg-dev fakeroot lintian pkg-config git
poppler-utils libarchive-dev libacl1-dev libzstd-dev liblz4-dev"
OPTIONAL="chromium libreoffice-calc"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
# axe-core, exactly the version of test/package-lock.json (npm ci), once
axe() {
	[ -f test/node_modules/axe-core/axe.min.js ] && return 0
	command -v npm >/dev/null 2>&1 || return 0
	echo "deps: npm ci in test/ (axe-core)"
	(cd test && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) ||
		echo "deps: npm ci failed: test/browser.sh will skip the axe-core check" >&2
}
cd "$(dirname "$0")/.."
# test: Microsoft's SARIF multitool (test/consumers_sarif.sh: GitHub code
# scanning's and GHAzDO's SARIF rules), an npm package at the version that
# test/node/package-lock.json pins, installed into test/node/node_modules;
# optional: without node and npm (then tried as Debian's nodejs and npm),
# or when npm cannot install it, the suite prints a SKIP line.
npm_tools() {
	dir=test/node
	want=$(sed -n 's/.*"@microsoft\/sarif-multitool": "\(.*\)".*/\1/p' "$dir/package.json")
	have=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' \
	    "$dir/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null || true)
	[ "$have" = "$want" ] && return 0
	if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		    nodejs npm >/dev/null 2>&1 || true
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "deps: no npm: the SARIF multitool checks will be skipped" >&2
		return 0
	fi
	echo "deps: npm ci in test/node (@microsoft/sarif-multitool $want)"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
		echo "deps: npm ci failed: the SARIF multitool checks will be skipped" >&2
}
[ -z "$missing" ] && { axe; npm_tools; exit 0; }

echo "deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: missing packages:$missing; install them as root" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing; then
	required=""
	for p in $missing; do
		case " $OPTIONAL " in *" $p "*) ;; *) required="$required $p" ;; esac
	done
	echo "deps: retrying without$OPTIONAL (their tests will be skipped)" >&2
	[ -z "$required" ] || $SUDO apt-get install -y -qq --no-install-recommends $required
fi
axe
npm_tools
