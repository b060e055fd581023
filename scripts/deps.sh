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
# libarchive-dev (zip and tar archives read as containers), with the
# static libraries its static link needs (make static): libacl1-dev,
# libzstd-dev, liblz4-dev.
PKGS="gcc make libcsv-dev libjansson-dev zlib1g-dev nettle-dev libseccomp-dev
libcmocka-dev mandoc jq binutils time clang valgrind gcovr python3
python3-jsonschema libxml2-utils chromium libreoffice-calc
libarchive-dev libacl1-dev libzstd-dev liblz4-dev pkg-config"
OPTIONAL="chromium libreoffice-calc"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

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
