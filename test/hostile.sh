#!/bin/sh
# Hostile text: reports crafted to attack each output format.  Report text
# may hold terminal escapes, spreadsheet formulas, HTML/script, JSON
# syntax, newlines, bidi overrides and zero-width characters; every output
# must stay truthful (the JSON keeps the exact text) and unambiguous (text
# output shows every such character as an escape, so two different names
# never look alike and no line or field can be forged).
# Prints one line per failed check and "hostile: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
has_raw_control() { LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; }
non_ascii() { LC_ALL=C grep -q "$(printf '[\200-\377]')" "$1"; }

HDR=$(head -1 fixtures/demo.csv)
# root RG SVC: a root row with access key 1 active, last used in region RG
# for service SVC (both CSV-quoted by the caller when needed)
root() {
	printf '<root_account>,arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,false,true,2021-06-01T09:30:00+00:00,2024-05-02T17:45:00+00:00,%s,%s,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n' "$1" "$2"
}
user() { # user NAME (CSV-quoted by the caller)
	printf '%s,arn:aws:iam::111122223333:user/x,2020-01-15T12:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n' "$1"
}
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
ZWSP=$(printf '\342\200\213')  # U+200B ZERO WIDTH SPACE
ZWJ=$(printf '\342\200\215')   # U+200D ZERO WIDTH JOINER
CYR_A=$(printf '\320\260')     # U+0430 CYRILLIC SMALL LETTER A (looks like a)

# name~region~service: one report per attack (@NL@ is a newline)
cat >"$T/attacks" <<EOF2
terminal~"us-east-1${ESC}[2J${ESC}]0;pwned$(printf '\007')${ESC}[31m"~s3
formula~"=HYPERLINK(""http://x"",""y"")"~"+cmd|' /C calc'!A0"
formula2~"@SUM(1+1)*cmd|' /C calc'!A0"~"-2+3"
html~"<script>alert(1)</script>"~"<img src=x onerror=alert(1)>&amp;"
json~"x"", ""critical"": 0, ""y"": ""\\u0000\\"~"}]}\\n{"
newline~"us-east-1@NL@  critical root-access-key  line 9  <root_account>  access_key_2"~"s3@NL@1 input: 0 audited, 1 not audited (error), 0 findings"
bidi~"us-${RLO}1-tsae"~"s3${RLO}"
zerowidth~"us-east-1${ZWSP}"~"s${ZWJ}3"
homoglyph~"us-e${CYR_A}st-1"~"s3"
forge-evidence~"eu-west-1, access_key_1_last_used_service=iam"~"s3"
invalid-utf8~"us-east-1$(printf '\377\376')"~"s3$(printf '\300\257')"
EOF2
formats=$("$BIN" --list-formats | awk '{print $1}')
n=0
nl() { printf '%s' "$1" | awk 'BEGIN { ORS = "" } NR > 1 { print "\n" } { gsub(/@NL@/, "\n"); print }'; }
while IFS='~' read -r atk region service; do
	n=$((n + 1))
	region=$(nl "$region")
	service=$(nl "$service")
	f="$T/$atk.csv"
	# the user name carries the attack too, within IAM's 64 characters
	# (only ASCII attacks are longer: cutting bytes is cutting characters)
	u="evil-$atk ${region#\"}"
	u=${u%\"}
	[ "${#u}" -le 64 ] || u=$(printf '%s' "$u" | head -c 64)
	{ echo "$HDR"; root "$region" "$service"; user "\"$u\""; } >"$f"
	for fmt in $formats; do
		"$BIN" --format "$fmt" "$f" >"$T/out.$fmt" 2>"$T/err"
		rc=$?
		check "$atk/$fmt: audited, the root key found (exit $rc: $(head -c 200 "$T/err"))" test "$rc" = 1
		# csv ends its records in CRLF (RFC 4180): only there is a CR allowed
		eol='s/^//'
		[ "$fmt" = csv ] && eol='s/\r$//'
		check "$atk/$fmt: no raw control byte in the output" sh -c "! sed '$eol' '$T/out.$fmt' | LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\""
		check "$atk/$fmt: no error output" test ! -s "$T/err"
		case $fmt in
		text)
			check "$atk/text: pure ASCII (bidi, zero-width, look-alikes escaped)" sh -c "! LC_ALL=C grep -q \"\$(printf '[\200-\377]')\" '$T/out.text'"
			check "$atk/text: exactly one root-access-key finding line" test "$(grep -c '^  FAIL critical root-access-key:' "$T/out.text")" = 1
			check "$atk/text: exactly one summary line" test "$(grep -c '^1 input' "$T/out.text")" = 1
			check "$atk/text: one root key evidence line" test "$(grep -c '^ *evidence: access_key_1_last_rotated=' "$T/out.text")" = 1
			# quoted values removed, the root key's evidence has its 4 pairs:
			# a value cannot add one
			pairs=$(grep '^ *evidence: access_key_1_last_rotated=' "$T/out.text" |
				sed 's/"\([^"\\]\|\\.\)*"/V/g' | tr -cd '=' | wc -c)
			check "$atk/text: no forged evidence pair ($pairs pairs)" test "$pairs" = 4
			;;
		json)
			check "$atk/json: valid JSON, pure ASCII" sh -c "jq -e . '$T/out.json' >/dev/null && ! LC_ALL=C grep -q \"\$(printf '[\200-\377]')\" '$T/out.json'"
			check "$atk/json: one input, one finding" test "$(jq -r '"\(.inputs | length),\([.inputs[0].findings[] | select(.rule == "root-access-key")] | length)"' "$T/out.json")" = 1,1
			# the exact text comes back (invalid UTF-8 becomes U+FFFD)
			want=$(printf '%s' "$region" | sed 's/^"//;s/"$//;s/""/"/g' | iconv -f UTF-8 -t UTF-8 -c 2>/dev/null | od -An -tx1 | tr -d ' \n')
			got=$(jq -j '[.inputs[0].findings[] | select(.rule == "root-access-key")][0].evidence.access_key_1_last_used_region' "$T/out.json" | sed "s/$(printf '\357\277\275')//g" | od -An -tx1 | tr -d ' \n')
			check "$atk/json: region kept exactly" test "$got" = "$want"
			;;
		esac
	done
done <"$T/attacks"
check "every attack ran" test "$n" -ge 11

# ---- two names that look alike stay apart ----
for v in "us-east-1" "us-east-1${ZWSP}" "us-e${CYR_A}st-1" "us-${RLO}1-tsae-su"; do
	{ echo "$HDR"; root "\"$v\"" s3; } >"$T/alike.csv"
	"$BIN" -r root-access-key "$T/alike.csv" | grep '^ *evidence: access_key_1' >>"$T/alike.txt"
done
check "plain evidence is not quoted" grep -q 'access_key_1_last_used_region=us-east-1,' "$T/alike.txt"
check "look-alike regions give four different text lines" test "$(sort -u "$T/alike.txt" | wc -l)" = 4
check "zero-width space shown" grep -qF 'us-east-1\u{200B}' "$T/alike.txt"
check "Cyrillic a shown" grep -qF 'us-e\u{0430}st-1' "$T/alike.txt"
check "right-to-left override shown" grep -qF 'us-\u{202E}1-tsae-su' "$T/alike.txt"

# ---- hostile file names ----
hf="$T/$(printf 'r\033[2Jx\nfake: 0 findings\342\200\256.csv')"
cp fixtures/demo.csv "$hf"
"$BIN" "$hf" >"$T/fn.text" 2>&1
check "hostile file name: text output pure printable ASCII" sh -c "! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177-\377]')\" '$T/fn.text'"
check "hostile file name: no forged line" sh -c "! grep -q '^fake' '$T/fn.text'"
"$BIN" --format json "$hf" >"$T/fn.json" 2>&1
check "hostile file name: JSON keeps it" test "$(jq -r '.inputs[0].file' "$T/fn.json")" = "$hf"

# ---- an account that is not 12 digits cannot be shown ----
{ echo "$HDR"; printf '<root_account>,arn:aws:iam::1111 (aws) OK:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n'; } >"$T/acct.csv"
"$BIN" "$T/acct.csv" >"$T/out" 2>&1
check "forged account id refused (exit 3)" test $? = 3
check "... with a message naming the arn" grep -q 'account' "$T/out"

finish hostile
