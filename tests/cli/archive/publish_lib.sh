# tests/cli/archive/publish_lib.sh: sourced by test_publish*.sh after
# tests/lib.sh: a small site built into its archive, a new revision of
# it, and a free port on 127.0.0.1 for a server a test starts.

# site DIR: a site of one article, built (its archive has one commit).
site() {
	mkdir -p "$1/content"
	[ -f "$1/site.conf" ] || printf 'title = "Publishing test"\nrules = {}\n' >"$1/site.conf"
	printf 'A bridge opens\n\nBy Jo Writer\n\nTOWN, 3 March 2024 - The bridge opened on Tuesday after years of work by the town.\n' \
	    >"$1/content/bridge.txt"
	"$MORGUE" build -C "$1" >/dev/null 2>"$T/build.err" ||
	    { cat "$T/build.err"; return 1; }
}

# revise DIR WORD: the article changed, built again (one more commit).
revise() {
	printf '\nThe mayor said %s.\n' "$2" >>"$1/content/bridge.txt"
	"$MORGUE" build -C "$1" >/dev/null 2>"$T/build.err" ||
	    { cat "$T/build.err"; return 1; }
}

# head DIR: the archive branch's commit.
head_of() {
	git --git-dir="$1/archive.git" rev-parse archive
}

# refs GITDIR: every ref of a repository with its value, to compare.
refs() {
	git --git-dir="$1" for-each-ref --format='%(refname) %(objectname)'
}

# free_port: a TCP port of 127.0.0.1 nobody listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_port PORT: up to 5 s for a server to listen on 127.0.0.1:PORT.
wait_port() {
	python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}
