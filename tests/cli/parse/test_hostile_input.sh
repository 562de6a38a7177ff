#!/bin/sh
# test_hostile_input.sh: HOSTILE rows 1-27 (raw text input, Markdown and
# parser complexity) through the real binary, `morgue parse --json/--md`.
# Every fixture is written here; none comes from ../shared.
. tests/lib.sh

# An ordinary article of our own, the base that the cases below damage.
article() {
	printf 'Harbour cranes return to the Lower Quay\n'
	printf 'By Tilde Marsh for MP\n'
	printf 'VELLMAR (MP) \342\200\223 Two cranes were lifted back onto the '
	printf 'Lower Quay on Friday, the port authority said.\n'
	printf 'The work took four days and closed one berth.\n'
	printf 'Harbour master Ode Lind said traffic would return to normal '
	printf 'next week.\n'
}

# strict FILE: FILE is valid UTF-8 and holds no U+0000.
strict() {
	python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
b.decode("utf-8", "strict")
sys.exit(1 if b"\0" in b else 0)' "$1"
}

# has_bytes FILE PYTHON-BYTES: FILE contains the bytes.
has_bytes() {
	python3 -c 'import sys
sys.exit(0 if eval(sys.argv[2]) in open(sys.argv[1], "rb").read() else 1)' \
	    "$1" "$2"
}

# parse_rc FORMAT FILE: runs the parser, output in $T/out, $T/err.
parse_rc() {
	"$MORGUE" parse "$1" "$2" >"$T/out" 2>"$T/err"
	echo $?
}

# skipped NAME FILE MESSAGE: the file is refused with MESSAGE, exit 1,
# nothing on stdout, for both output formats.
skipped() {
	for fmt in --json --md; do
		rc=$(parse_rc $fmt "$2")
		check_eq "$1 $fmt: exit 1" "$rc" 1
		check_grep "$1 $fmt: warning" "^.*$(basename "$2"): warning: $3" \
		    "$T/err"
		check_eq "$1 $fmt: no output" "$(wc -c <"$T/out")" 0
	done
}

mkdir -p "$T/in"
cd "$T/in" || exit 2
article >base.txt

# 1, 2: empty, and nothing but a BOM and white space.
: >empty.txt
skipped "1 empty" empty.txt "empty article"
printf '\357\273\277  \r\n\t \n\302\240\n' >bom.txt
skipped "2 bom only" bom.txt "empty after normalisation"

# 3: 50 MB on one line is refused unread (RSS well under the size).
head -c 52428800 /dev/zero | tr '\0' a >big.txt
if [ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null; then
	/usr/bin/time -v "$MORGUE" parse --md big.txt >"$T/out" 2>"$T/err"
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/err")
	if [ -n "$SANITIZED" ]; then
		skip "3 RSS: not measured under ASan (shadow memory)"
	else
		check "3 50 MB: RSS ${rss} KB < 100 MB" [ "${rss:-999999}" -lt 102400 ]
	fi
	check_grep "3 50 MB: too large" \
	    "big.txt: warning: too large: 52428800 > 8388608" "$T/err"
else
	skip "3 RSS: no GNU time -v here"
	skipped "3 50 MB" big.txt "too large: 52428800 > 8388608"
fi
rm -f big.txt

# 4: a 1.1 GB sparse file is refused in well under a second.
truncate -s 1100M sparse.txt
start=$(date +%s%N)
rc=$(parse_rc --md sparse.txt)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_eq "4 sparse: exit 1, no signal" "$rc" 1
check "4 sparse: ${ms} ms < 1000" [ "$ms" -lt 1000 ]
check_grep "4 sparse: too large" "too large: 1153433600 > " "$T/err"
rm -f sparse.txt

# 5: 7 MB of '<' (under the cap) grows when escaped, and survives.
{ article; head -c 7340032 /dev/zero | tr '\0' '<'; echo; } >lt.txt
rc=$(parse_rc --md lt.txt)
check "5 7 MB of <: no crash (exit $rc)" [ "$rc" -lt 2 ]
check "5 7 MB of <: escaped" has_bytes "$T/out" "b'\\\\<\\\\<\\\\<'"
check_nogrep "5 7 MB of <: no raw run" '^<<<' "$T/out"
rm -f lt.txt

# 6: binaries, by magic number or by their control bytes.
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001\0\0\0\001\010\006' >png.txt
printf '\177ELF\002\001\001\0\0\0\0\0\0\0\0\0\002\0>\0\001\0\0\0' >elf.txt
head -c 1048576 /dev/urandom >random.txt
gzip -c base.txt >gz.txt
skipped "6 png" png.txt "binary content \\(NUL at offset 8\\)"
skipped "6 elf" elf.txt "binary content \\(NUL at offset 7\\)"
skipped "6 urandom" random.txt "binary content \\("
skipped "6 gzip" gz.txt "binary content \\("

# 7: UTF-16 with a BOM is transcoded, never NUL-riddled.
iconv -f UTF-8 -t UTF-16 base.txt >u16.txt
rc=$(parse_rc --md u16.txt)
check_eq "7 utf-16: exit 0" "$rc" 0
check "7 utf-16: valid UTF-8, no NUL" strict "$T/out"
check_grep "7 utf-16: warning" "u16.txt: warning: decoded as UTF-16" "$T/err"
check_grep "7 utf-16: text" "Two cranes were lifted" "$T/out"
iconv -f UTF-8 -t UTF-16BE base.txt | { printf '\376\377'; cat; } >u16be.txt
"$MORGUE" parse --md base.txt >"$T/base.md" 2>/dev/null
"$MORGUE" parse --md u16be.txt >"$T/out" 2>/dev/null
check "7 utf-16be: same page as UTF-8" cmp -s "$T/base.md" "$T/out"

# 8: invalid UTF-8: each sequence replaced, the output strictly valid.
{ article; printf 'Overlong \300\257, surrogate \355\240\200, five '
  printf 'bytes \370\210\200\200\200 and cut \342\200'; } >bad.txt
for fmt in --json --md; do
	rc=$(parse_rc $fmt bad.txt)
	check_eq "8 invalid $fmt: exit 0" "$rc" 0
	check "8 invalid $fmt: strict UTF-8" strict "$T/out"
	check_grep "8 invalid $fmt: count" \
	    "bad.txt:6: warning: 4 invalid byte sequences replaced by U\+FFFD" \
	    "$T/err"
done
check "8 invalid: U+FFFD in the page" has_bytes "$T/out" "b'\\xef\\xbf\\xbd'"

# 9: Windows-1252 smart quotes and dash in an otherwise ASCII file.
{ article | sed "s/$(printf '\342\200\223')/-/"
  printf 'He called it \223a good week\224 \226 and smiled.\n'; } >cp.txt
rc=$(parse_rc --md cp.txt)
check_eq "9 cp1252: exit 0" "$rc" 0
check_grep "9 cp1252: warning" "cp.txt:6: warning: decoded as windows-1252" \
    "$T/err"
check "9 cp1252: curly quotes" has_bytes "$T/out" \
    "'\\u201ca good week\\u201d \\u2013'.encode()"
check "9 cp1252: no U+FFFD" sh -c "! grep -q \"$(printf '\357\277\275')\" \"$T/out\""

# 10: valid UTF-8 with one stray \x93: no mojibake, no double encoding.
{ article; printf 'Caf\303\251 owners said \223we are back.\n'; } >stray.txt
rc=$(parse_rc --md stray.txt)
check_eq "10 stray: exit 0" "$rc" 0
check "10 stray: strict UTF-8" strict "$T/out"
check "10 stray: no mojibake" sh -c "! grep -q \"$(printf '\303\242\342\202\254')\" \"$T/out\""
check "10 stray: quote and é kept" has_bytes "$T/out" \
    "'Caf\\u00e9 owners said \\u201cwe'.encode()"
check_grep "10 stray: warning" "stray.txt:6: warning: 1 stray byte" "$T/err"

# 11: a NUL mid-article: U+FFFD, and the text after it is kept.
{ article; printf 'Before the NUL\000after the NUL survives.\n'; } >nul.txt
rc=$(parse_rc --md nul.txt)
check_eq "11 nul: exit 0" "$rc" 0
check "11 nul: text after NUL kept" has_bytes "$T/out" \
    "'NUL\\ufffdafter the NUL survives'.encode()"
check_grep "11 nul: warning" "nul.txt:6: warning: 1 NUL byte" "$T/err"

# 13: CRLF, CR-only and mixed line ends give the LF output byte for byte.
mkdir lf crlf cr mixed
cp base.txt lf/a.txt
sed 's/$/\r/' base.txt >crlf/a.txt
tr '\n' '\r' <base.txt >cr/a.txt
awk 'NR % 2 { printf "%s\r\n", $0; next } { printf "%s\r", $0 }' base.txt \
    >mixed/a.txt
for fmt in --json --md; do
	(cd lf && "$MORGUE" parse $fmt a.txt) >"$T/lf.out" 2>/dev/null
	for v in crlf cr mixed; do
		(cd $v && "$MORGUE" parse $fmt a.txt) >"$T/$v.out" 2>/dev/null
		check "13 $v $fmt: same as LF" cmp -s "$T/lf.out" "$T/$v.out"
	done
done

# 14: C0/C1 controls and noncharacters are stripped.
{ printf 'Cranes\013 \033[31mreturn\302\205 \357\277\276home\n'
  article | tail -n +2; } >ctl.txt
rc=$(parse_rc --md ctl.txt)
check_eq "14 controls: exit 0" "$rc" 0
check "14 controls: none left" python3 -c 'import sys
b = open(sys.argv[1], "rb").read().decode()
bad = [c for c in b if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0
       or ord(c) in (0xfffe, 0xffff)]
sys.exit(1 if bad else 0)' "$T/out"
check_grep "14 controls: title text kept" 'title: "Cranes \[31mreturn home"' \
    "$T/out"

# 15: a 5 MB line without spaces, in linear time.
{ article; head -c 5242880 /dev/zero | tr '\0' x; echo; } >line.txt
limit=2000
[ -n "$SANITIZED" ] && limit=20000
start=$(date +%s%N)
rc=$(parse_rc --md line.txt)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_eq "15 5 MB line: exit 0" "$rc" 0
check "15 5 MB line: ${ms} ms < $limit" [ "$ms" -lt "$limit" ]
rm -f line.txt

# 16: a 100 KB title: the slug is cut to 80 bytes.
{ i=0; while [ $i -lt 2000 ]; do printf 'Quay%04d cranes ' $i; i=$((i+1)); done
  echo; article | tail -n +2; } >longtitle.txt
rc=$(parse_rc --json longtitle.txt)
check_eq "16 long title: exit 0" "$rc" 0
slug=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["slug"])' "$T/out")
check "16 long title: slug '$slug' matches" python3 -c 'import re,sys
sys.exit(0 if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", sys.argv[1]) else 1)' \
    "$slug"

# 17: NFC and NFD spellings of a title give the same slug and page.
mkdir nfc nfd
{ printf 'Caf\303\251 \303\251t\303\251 on the quay\n'; article | tail -n +2; } \
    >nfc/a.txt
{ printf 'Cafe\314\201 e\314\201te\314\201 on the quay\n'; article | tail -n +2; } \
    >nfd/a.txt
(cd nfc && "$MORGUE" parse --md a.txt) >"$T/nfc.out" 2>/dev/null
(cd nfd && "$MORGUE" parse --md a.txt) >"$T/nfd.out" 2>/dev/null
check "17 nfc/nfd: same page" cmp -s "$T/nfc.out" "$T/nfd.out"
check_grep "17 nfc/nfd: composed" "$(printf 'Caf\303\251')" "$T/nfd.out"

# 18: bidi overrides and zero-width characters never reach the slug.
{ printf 'Evil \342\200\256txt.exe\342\200\254 port\342\200\213 news\n'
  article | tail -n +2; } >bidi.txt
rc=$(parse_rc --json bidi.txt)
slug=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["slug"])' "$T/out")
check "18 bidi: slug '$slug' is clean ASCII" python3 -c 'import re,sys
sys.exit(0 if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", sys.argv[1]) else 1)' \
    "$slug"

# 19-23: cmark's pathological cases are text to us: each is escaped, in
# a subprocess with a 5 s limit (20 s under ASan, whose shadow memory
# makes big allocations slow), with no parse of untrusted Markdown.
plimit=5
[ -n "$SANITIZED" ] && plimit=20
patho() {	# name python-expression
	python3 -c "import sys
sys.stdout.write('Pathological input\n\n' + ($2) + '\n')" >"$1.txt"
	start=$(date +%s%N)
	timeout $plimit "$MORGUE" parse --md "$1.txt" >"$T/out" 2>"$T/err"
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	check "$1: done in ${ms} ms (exit $rc)" [ "$rc" -lt 2 ]
	insize=$(wc -c <"$1.txt")
	outsize=$(wc -c <"$T/out")
	# Escaping at most doubles the text; the rest is front matter.
	check "$1: output $outsize <= 2 x $insize + 100 KB" \
	    [ "$outsize" -le $((2 * insize + 102400)) ]
}
patho 19-list-nest '"- " * 40000 + "x" + "\n" * 40000'
patho 20-image-brackets '"![[]()" * 160000'
patho 21-quote-emph '">" * 100000 + "a*" * 100000'
patho 21-quote-list '"> " + "- " * 30000 + "x\n" + ">\n" * 30000'
patho 22-nested-brackets '"[" * 25000 + "a" + "]" * 25000'
patho 22-nested-quotes '"> " * 25000 + "a"'
patho 22-html-comments '"</" + "<!--" * 300000'
patho 22-backticks '"".join("`" * i + "a" for i in range(1, 3000))'
patho 22-unclosed-links '"[a](<b" * 30000'
patho 22-emph-delims '"*a_ " * 50000'
patho 22-entities '"&#" * 60000 + "&amp" * 60000'
patho 22-link-titles '"[t](/u \"" * 30000'
patho 23-ref-defs '"".join("[%d]: /u%d\n" % (i, i) for i in range(25000))'
patho 23-ref-uses '"[big]: /" + "u" * 1000 + "\n\n" + "[big] " * 100000'

# 25: Markdown syntax in scraped text stays literal in the page.
{ article; printf '# not a heading\n1. not a list\n[x](y) and '
  printf '![t](https://tracker.example/p.gif) <b>bold</b> `code`\n'; } >syn.txt
rc=$(parse_rc --md syn.txt)
check_eq "25 syntax: exit 0" "$rc" 0
check_grep "25 syntax: heading escaped" '^\\# not a heading' "$T/out"
check_grep "25 syntax: list escaped" '^1\\\. not a list' "$T/out"
check_grep "25 syntax: link escaped" '\\\[x\\\]\(y\)' "$T/out"
check_grep "25 syntax: image escaped" '!\\\[t\\\]' "$T/out"
check_grep "25 syntax: html escaped" '\\<b\\>bold\\</b\\>' "$T/out"
check_nogrep "25 syntax: no live heading" '^# ' "$T/out"

cd "$TOP" || exit 2
finish
