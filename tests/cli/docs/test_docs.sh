# tests/cli/docs/test_docs.sh: the manuals say what the program does.
#
# Every man page is clean under `mandoc -Tlint` and refers only to pages
# of ours that exist; every command of `morgue --help`, and every option
# of its `--help`, is in morgue(1) and in README.md, and those document no
# command that does not exist; and the rule, template, build and log
# examples of README.md, run as they are written, do what README.md shows.
. tests/lib.sh

# {==== man pages

if command -v mandoc >/dev/null; then
	for page in man/*.[1-9]; do
		# Whether a page we refer to is installed on this machine is
		# no fault of the page: references to our own pages are
		# checked against man/ below.
		mandoc -Tlint "$page" 2>&1 |
		    grep -v -e 'referenced manual not found' \
		    -e 'outdated mandoc.db' >"$T/lint"
		if [ -s "$T/lint" ]; then
			fail "mandoc -Tlint $page" "$(head -5 "$T/lint")"
		else
			ok "mandoc -Tlint $page"
		fi
	done
else
	skip "mandoc is not installed: man pages not linted"
fi

# .Xr to our own pages (morgue*, site.conf) name a file in man/.
for page in man/*.[1-9]; do
	sed -n 's/^\.Xr \([^ ]*\) \([1-9]\).*/\1 \2/p' "$page" | sort -u |
	while read -r name sec; do
		case $name in morgue*|site.conf) ;; *) continue ;; esac
		[ -f "man/$name.$sec" ] || echo "$name($sec)"
	done >"$T/xr"
	check_eq "$page: its references to our pages exist" \
	    "$(tr '\n' ' ' <"$T/xr")" ""
done

# }====

# {==== commands and options

"$MORGUE" --help >"$T/help"
check_eq "morgue --help exits 0" $? 0
sed -n '/^commands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p' "$T/help" >"$T/cmds"
check "morgue --help lists commands" test -s "$T/cmds"

# The commands in morgue(1)'s SYNOPSIS: each `.Nm` line followed by `.Cm`.
sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' man/morgue.1 |
    awk 'prev == ".Nm" && $1 == ".Cm" { print $2 } { prev = $0 }' |
    sort >"$T/man-cmds"
sort "$T/cmds" >"$T/help-cmds"
if cmp -s "$T/man-cmds" "$T/help-cmds"; then
	ok "morgue(1) SYNOPSIS has exactly the commands of --help"
else
	fail "morgue(1) SYNOPSIS has exactly the commands of --help" \
	    "$(diff "$T/help-cmds" "$T/man-cmds" | grep '^[<>]' | tr '\n' ' ')"
fi

# The options of a usage line: -C, --no-commit, -q|-v gives -q and -v.
options() {
	sed -n '1s/^usage: morgue [a-z-]* //p' "$1" |
	    grep -oE '(^|[][ |])--?[A-Za-z][A-Za-z-]*' | tr -d '[] |' | sort -u
}

while read -r cmd; do
	"$MORGUE" "$cmd" --help >"$T/h.$cmd" 2>&1
	check_eq "morgue $cmd --help exits 0" $? 0
	# morgue(1): the command has an item, and each option a `Fl`.
	check_grep "morgue(1) describes $cmd" "^\\.Cm $cmd\$" man/morgue.1
	for opt in $(options "$T/h.$cmd"); do
		case $opt in
		--*) pat="Fl Fl ${opt#--}" ;;
		*) pat="Fl ${opt#-}" ;;
		esac
		awk -v c="$cmd" 'prev == ".It Xo" && $0 == ".Cm " c { on = 1 }
		    on { print } on && $0 == ".Xc" { on = 0 } { prev = $0 }' \
		    man/morgue.1 >"$T/item"
		check_grep "morgue(1): $cmd $opt" "$pat( |\$)" "$T/item"
	done
	# README.md: a heading per command that shows its options.
	grep -E "^### morgue $cmd( |\$)" README.md >"$T/head"
	check "README.md documents morgue $cmd" test -s "$T/head"
	for opt in $(options "$T/h.$cmd"); do
		check_grep "README.md: $cmd $opt" "[[ |]$opt([] |]|\$)" \
		    "$T/head"
	done
done <"$T/cmds"

# README.md documents no command that does not exist.
sed -n 's/^### morgue \([a-z-]*\).*/\1/p' README.md | sort >"$T/readme-cmds"
check_eq "README.md has exactly the commands of --help" \
    "$(tr '\n' ' ' <"$T/readme-cmds")" "$(tr '\n' ' ' <"$T/help-cmds")"

head -4 README.md >"$T/top"
check_grep "README.md: make run in its first lines" 'make run' "$T/top"
check_grep "README.md: make test in its first lines" 'make test' "$T/top"

# }====

# {==== README.md's examples, run as written

# Writes each ```lua / ```mustache block of README.md to the file its first
# line names ("-- lua/tags.lua: ..." or "{{! page.mustache }}"), and the
# article of "the article `PATH`:" to PATH; then lists the indented
# examples "$ morgue ..." of the sections Rules and Templates with their
# expected output, as CMD\0OUT\0 pairs.
python3 - "$TOP/README.md" "$T/ex" "$T/examples" <<'EOF'
import os, re, shlex, sys

readme, root, listing = sys.argv[1:]
lines = open(readme, encoding="utf-8").read().split("\n")

def put(path, text):
    path = os.path.join(root, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def indented(i):
    """The indented block from line i on, without its indentation."""
    out = []
    while i < len(lines) and (lines[i].startswith("    ") or
                              (lines[i] == "" and i + 1 < len(lines) and
                               lines[i + 1].startswith("    "))):
        out.append(lines[i][4:])
        i += 1
    return out, i

examples = []
section = ""
i = 0
while i < len(lines):
    line = lines[i]
    if line.startswith("## "):
        section = line[3:]
    m = re.match(r"```(lua|mustache)$", line)
    if m:
        j = lines.index("```", i + 1)
        body = lines[i + 1:j]
        name = re.match(r"(?:-- (\S+):|\{\{! (\S+) \}\})", body[0])
        if name:
            put(name.group(1) or name.group(2), "\n".join(body) + "\n")
        i = j + 1
        continue
    m = re.search(r"the article `([^`]+)`:$", line)
    if m and i + 2 < len(lines) and lines[i + 1] == "":
        block, i = indented(i + 2)
        put(m.group(1), "\n".join(block) + "\n")
        continue
    if line.startswith("    $ morgue ") and section in ("Rules", "Templates"):
        block, i = indented(i)
        cmd = block[0][2:]
        k = 1
        while True:	# a quoted argument may go on over lines
            try:
                shlex.split(cmd)
                break
            except ValueError:
                cmd += "\n" + block[k]
                k += 1
        examples.append((cmd, "\n".join(block[k:]).rstrip("\n") + "\n"))
        continue
    i += 1

with open(listing, "wb") as f:
    for cmd, out in examples:
        f.write(cmd.encode() + b"\0" + out.encode() + b"\0")
# The tag pages that README.md says the build makes of the example.
m = re.search(r"tag pages \(([^)]*)\)", " ".join(lines))
with open(listing + ".pages", "w") as f:
    for page in re.findall(r"`([^`]+/)`", m.group(1) if m else ""):
        f.write(page + "\n")
EOF
check_eq "README.md examples extracted" $? 0

mkdir -p "$T/bin"
ln -s "$MORGUE" "$T/bin/morgue"
# Runs each example of the sections Rules and Templates in the scratch
# project that the blocks above made.
python3 - "$T/examples" "$T/ex" "$T/bin" <<'EOF' >"$T/ran"
import os, subprocess, sys

listing, root, bindir = sys.argv[1:]
parts = open(listing, "rb").read().split(b"\0")[:-1]
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
for cmd, want in zip(parts[0::2], parts[1::2]):
    cmd, want = cmd.decode(), want.decode()
    got = subprocess.run(cmd, shell=True, cwd=root, env=env,
                         capture_output=True, text=True)
    name = "README.md example: " + cmd.split("\n")[0][:60]
    if got.returncode == 0 and got.stdout == want:
        print("ok", name)
    else:
        print("FAIL", name + ": exit", got.returncode)
        for line in (got.stdout + got.stderr).splitlines()[:20]:
            print("  |", line)
EOF
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) fail "${line#FAIL }" "output differs from README.md" ;;
	*) echo "$line" ;;
	esac
done <"$T/ran"
check "README.md: rule, test and template examples run" \
    test "$(grep -c '^ok ' "$T/ran")" -ge 3

# "An empty site.conf will do", with copies of templates/: the build tags
# the example article and makes the tag pages README.md names.
: >"$T/ex/site.conf"
cp -R "$TOP/templates" "$T/ex/templates"
(cd "$T/ex" && "$MORGUE" build -q) >"$T/build.out" 2>&1
check_eq "README.md example: morgue build with an empty site.conf" $? 0
check "README.md names tag pages" test -s "$T/examples.pages"
while read -r page; do
	check "README.md example: the build makes $page" \
	    test -f "$T/ex/public/${page}index.html"
done <"$T/examples.pages"

# The `morgue log ARTICLE` example: the correction its diff shows, made
# to the example article, then a rebuild; commit ids and dates aside, log
# prints what README.md shows.
python3 - "$TOP/README.md" "$T/ex" "$T/log" <<'EOF2'
import re, sys

readme, root, out = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
m = re.search(r"\n    \$ (morgue log \S+)\n((?:    .*\n|\n)+)", text)
if m is None:
    sys.exit("no morgue log example")
want = "".join(l[4:] + "\n" for l in m.group(2).rstrip("\n").split("\n"))
old, new = re.search(r"\[-(.*?)-\] \{\+(.*?)\+\}", want).groups()
art = re.search(r"the article `([^`]+)`:", text).group(1)
path = root + "/" + art
body = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(body.replace(old, new, 1))
open(out + ".cmd", "w").write(m.group(1) + "\n")
open(out + ".want", "w", encoding="utf-8").write(want)
EOF2
check_eq "README.md: a morgue log example with a diff" $? 0
(cd "$T/ex" && "$MORGUE" build -q) >"$T/build.out" 2>&1
check_eq "README.md example: the corrected article rebuilds" $? 0
# Commit ids and dates masked, trailing blank lines dropped.
mask() {
	sed -E 's/^(commit) [0-9a-f]{40}$/\1 X/; s/^(Date: +).*/\1X/' "$1" |
	    awk '{ l[NR] = $0 } END { n = NR; while (n > 0 && l[n] == "") n--
		for (i = 1; i <= n; i++) print l[i] }'
}
(cd "$T/ex" && PATH="$T/bin:$PATH" sh "$T/log.cmd") >"$T/log.got" 2>&1
mask "$T/log.got" >"$T/log.got.m"
mask "$T/log.want" >"$T/log.want.m"
if cmp -s "$T/log.got.m" "$T/log.want.m"; then
	ok "README.md example: $(cat "$T/log.cmd")"
else
	fail "README.md example: $(cat "$T/log.cmd")" "output differs"
	diff "$T/log.want.m" "$T/log.got.m" | sed 's/^/  | /' | head -20
fi

# }====

# {==== README.md's examples of morgue new, export and serve, run in order
# in a scratch directory where my-articles/ holds the example archive's
# articles; each command must succeed (hugo and jekyll when installed),
# and serve must say what README.md shows, at a free port.

python3 - "$TOP/README.md" "$T/cmds.ex" <<'EOF3'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out = []
for cmd in ("new", "export", "serve"):
    m = re.search(r"\n### morgue %s .*\n((?:(?!### ).*\n)*)" % cmd, text)
    block = m.group(1) if m else ""
    for line in re.findall(r"^    \$ (.*)$", block, re.M):
        out.append(line)
    if cmd == "serve":
        shown = re.findall(r"^    (morgue: .*)$", block, re.M)
        open(sys.argv[2] + ".serve", "w").write("\n".join(shown) + "\n")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
EOF3
check_grep "README.md shows morgue new" '^morgue new ' "$T/cmds.ex"
check_grep "README.md shows morgue export" '^morgue export ' "$T/cmds.ex"
check_grep "README.md shows morgue serve" '^morgue serve ' "$T/cmds.ex"
mkdir -p "$T/ev/my-articles"
cp "$TOP"/content/*.txt "$T/ev/my-articles/"
while IFS= read -r cmd; do
	case $cmd in
	hugo*|jekyll*)
		tool=${cmd%% *}
		if ! command -v "$tool" >/dev/null; then
			skip "$tool is not installed: README.md's \"$cmd\" not run"
			continue
		fi ;;
	"morgue serve"*)
		(cd "$T/ev" && PATH="$T/bin:$PATH" exec $cmd --port 0) \
		    2>"$T/serve.out" &
		spid=$!
		for i in $(seq 1 100); do
			grep -q 'serving' "$T/serve.out" && break
			sleep 0.2
		done
		kill -INT "$spid"
		wait "$spid"
		check_eq "README.md example: $cmd (stopped by Ctrl-C)" $? 0
		# The articles' own warnings aside, at any port.
		grep '^morgue: ' "$T/serve.out" | grep -v stopped |
		    sed 's/:[0-9][0-9]*\//:PORT\//' >"$T/serve.got2"
		sed 's/:[0-9][0-9]*\//:PORT\//' "$T/cmds.ex.serve" \
		    >"$T/serve.want"
		check_eq "README.md example: $cmd says what README.md shows" \
		    "$(cat "$T/serve.got2")" "$(cat "$T/serve.want")"
		continue ;;
	esac
	(cd "$T/ev" && PATH="$T/bin:$PATH" sh -c "$cmd") >"$T/one.out" 2>&1
	rc=$?
	check_eq "README.md example: $cmd" "$rc" 0
	[ "$rc" -eq 0 ] || sed 's/^/  | /' "$T/one.out" | head -10
done <"$T/cmds.ex"
check "README.md's new example builds every article" \
    test "$(find "$T/ev/blog/public/articles" -name index.html | wc -l)" \
    -eq "$(ls "$T/ev/blog/content" | grep -c '\.txt$')"

# }====

# {==== docs/everyday.md's examples, run in order in an empty directory:
# each "$ command" of its indented blocks must succeed and print what the
# lines under it show (when it shows any); hugo and jekyll are skipped,
# with what follows them in their block, when not installed. serve runs
# at a free port, answers / and stops at Ctrl-C.

python3 - "$TOP/docs/everyday.md" "$T/ed.list" <<'EOF4'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, block, i = [], 0, 0
while i < len(lines):
    if not lines[i].startswith("    $ "):
        i += 1
        continue
    block += 1
    while i < len(lines) and (lines[i].startswith("    ") or (
            lines[i] == "" and i + 1 < len(lines) and
            lines[i + 1].startswith("    ") and
            not lines[i + 1].startswith("    $ "))):
        if lines[i].startswith("    $ "):
            out.append([block, lines[i][6:], []])
        else:
            out[-1][2].append(lines[i][4:])
        i += 1
with open(sys.argv[2], "wb") as f:
    for b, cmd, want in out:
        text = "\n".join(want).rstrip("\n")
        f.write(b"%d\0%s\0%s\0" % (b, cmd.encode(), text.encode()))
EOF4
check_eq "docs/everyday.md examples extracted" $? 0
mkdir -p "$T/ed"
python3 - "$T/ed.list" "$T/ed" "$T/bin" <<'EOF5' >"$T/ed.ran"
import os, re, shutil, signal, subprocess, sys, time, urllib.request

listing, root, bindir = sys.argv[1:]
parts = open(listing, "rb").read().split(b"\0")[:-1]
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
skipped = None
for b, cmd, want in zip(parts[0::3], parts[1::3], parts[2::3]):
    b, cmd, want = int(b), cmd.decode(), want.decode()
    # (no backslash: the name goes through echo)
    name = "docs/everyday.md example: " + cmd[:60].replace(chr(92), "")
    tool = cmd.split()[0]
    if skipped == b:
        print("skip", name, "(after a tool that is not installed)")
        continue
    if tool in ("hugo", "jekyll") and shutil.which(tool) is None:
        print("skip", name, "(%s is not installed)" % tool)
        skipped = b
        continue
    if cmd.startswith("morgue serve"):
        p = subprocess.Popen("exec " + cmd + " --port 0", shell=True, cwd=root,
                             env=env, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        got, url = [], None
        for line in p.stderr:
            got.append(line.rstrip("\n"))
            m = re.search(r"at (http://\S+) ", line)
            if m:
                url = m.group(1)
                break
        page = ""
        if url:
            page = urllib.request.urlopen(url, timeout=10).read().decode()
        os.killpg(p.pid, signal.SIGINT)
        rest = p.communicate(timeout=20)[1]
        mask = lambda s: re.sub(r":[0-9]+/", ":PORT/", s)
        ok = (p.returncode == 0 and "/__morgue/events" in page and
              mask("\n".join(got)) == mask(want))
        print("ok" if ok else "FAIL", name)
        if not ok:
            print("  | exit", p.returncode, "\n  | " + "\n  | ".join(got))
        continue
    r = subprocess.run(cmd, shell=True, cwd=root, env=env,
                       capture_output=True, text=True)
    ok = r.returncode == 0 and (want == "" or
                                (r.stdout + r.stderr).rstrip("\n") == want)
    print("ok" if ok else "FAIL", name)
    if not ok:
        for line in ("exit %d" % r.returncode, *(r.stdout +
                     r.stderr).splitlines()[:10]):
            print("  |", line)
EOF5
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) fail "${line#FAIL }" "exit status or output differs" ;;
	"skip "*) skip "${line#skip }" ;;
	*) echo "$line" ;;
	esac
done <"$T/ed.ran"
check "docs/everyday.md: its examples ran" \
    test "$(grep -c '^ok ' "$T/ed.ran")" -ge 12

# }====

finish
