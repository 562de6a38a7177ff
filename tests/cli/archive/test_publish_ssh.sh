#!/bin/sh
# test_publish_ssh.sh: `morgue publish` over SSH to a real sshd the test
# starts on 127.0.0.1 (its own port, host key, sshd_config and
# authorized_keys; the client's HOME is the test's): a key from
# ssh-agent and a key file named in site.conf, the archive branch and a
# pages branch; the host checked against known_hosts, an unknown host
# refused unless --accept-new-host, a changed host key refused with the
# host, key type and fingerprint, the remote unchanged.
. tests/lib.sh
. tests/cli/archive/publish_lib.sh


SSHD=/usr/sbin/sshd
for c in git ssh-keygen ssh-agent ssh-add python3; do
	command -v "$c" >/dev/null ||
	    { skip "$c is not installed (make deps): SSH publishing untested"; finish; exit; }
done
[ -x "$SSHD" ] ||
    { skip "no $SSHD (openssh-server; make deps): SSH publishing untested"; finish; exit; }

cleanup() {
	[ -f "$T/sshd.pid" ] && kill "$(cat "$T/sshd.pid")" 2>/dev/null
	[ -n "$SSH_AGENT_PID" ] && kill "$SSH_AGENT_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# Debian 12's libgit2 1.5.1 leaks, on each ssh connection, the path of
# known_hosts (cleared, never freed) and libssh2's list of known hosts.
# Its frames cannot be walked (no frame pointers), so LeakSanitizer can
# only be told the library: for this test's runs alone, so that every
# other test still sees a libgit2 object morgue forgets to free.
if [ -n "$SANITIZED" ]; then
	printf 'leak:libssh2_knownhost_init\nleak:libgit2.so\n' >"$T/lsan.supp"
	export LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0"
fi

export HOME="$T/home"
mkdir -p "$HOME/.ssh" "$T/srv"
chmod 700 "$HOME/.ssh"
ssh-keygen -q -t ed25519 -N '' -C host -f "$T/host_key"
ssh-keygen -q -t ed25519 -N '' -C other-host -f "$T/other_key"
ssh-keygen -q -t ed25519 -N '' -C agent -f "$T/agent_id"
ssh-keygen -q -t ed25519 -N '' -C file -f "$T/file_id"
cat "$T/agent_id.pub" "$T/file_id.pub" >"$T/authorized_keys"
chmod 600 "$T/authorized_keys"

# start_sshd KEY: the server with host key KEY on a free port ($PORT).
start_sshd() {
	PORT=$(free_port)
	cat >"$T/sshd_config" <<EOF2
ListenAddress 127.0.0.1
Port $PORT
HostKey $1
AuthorizedKeysFile $T/authorized_keys
PidFile $T/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
EOF2
	# A root sshd needs its privilege-separation directory.
	[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
	"$SSHD" -f "$T/sshd_config" -E "$T/sshd.log" 2>>"$T/sshd.log" &&
	    wait_port "$PORT"
}
stop_sshd() {
	kill "$(cat "$T/sshd.pid")" 2>/dev/null
	rm -f "$T/sshd.pid"
}

if ! start_sshd "$T/host_key"; then
	skip "sshd cannot start here ($(tail -1 "$T/sshd.log")): SSH publishing untested"
	finish
	exit
fi
eval "$(ssh-agent -s -a "$T/agent.sock")" >/dev/null
ssh-add -q "$T/agent_id" 2>/dev/null
git init -q --bare "$T/srv/site.git"
URL="ssh://$(id -un)@127.0.0.1:$PORT$T/srv/site.git"
S=$T/site
site "$S" || { fail "the site builds" "see above"; finish; exit; }

# {==== the host: unknown, accepted on request, then known
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "an unknown host is refused" "$?" 1
check_grep "saying how to accept it" "\[127\.0\.0\.1\]:$PORT is not a known host: .* ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}\); .*--accept-new-host" "$T/err"
check_eq "nothing was pushed to it" "$(refs "$T/srv/site.git")" ""
"$MORGUE" publish -C "$S" --accept-new-host "$URL" >"$T/out" 2>"$T/err"
check_eq "--accept-new-host records it and pushes (key from ssh-agent)" \
    "$? $(git --git-dir="$T/srv/site.git" rev-parse archive)" "0 $(head_of "$S")"
check "known_hosts lists it" grep -qxF -- \
    "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$T/host_key.pub")" "$HOME/.ssh/known_hosts"
check_grep "the push is reported" "^$URL archive: created at [0-9a-f]{7}$" "$T/out"
# A known_hosts written by ssh (hashed names) is read as well.
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
revise "$S" "a second revision"
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "a known host (hashed entry) takes the next revision" \
    "$? $(git --git-dir="$T/srv/site.git" rev-parse archive)" "0 $(head_of "$S")"

# A remote of the archive repository by its name: its URL's port picks
# the known_hosts entry.
git --git-dir="$S/archive.git" remote add srv "$URL"
"$MORGUE" publish -C "$S" srv >"$T/out" 2>"$T/err"
check_eq "a named remote is published to" "$?" 0
check_grep "and reported by its name" "^srv archive: up to date at [0-9a-f]{7}$" "$T/out"

# {==== a key file named in site.conf, onto a pages branch
kill "$SSH_AGENT_PID" 2>/dev/null
unset SSH_AGENT_PID SSH_AUTH_SOCK
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "without an agent or a key file it fails" "$?" 1
check_grep "saying what to set up" "no ssh-agent \(SSH_AUTH_SOCK is not set\)" "$T/err"
cat >"$S/site.conf" <<EOF2
title = "Publishing test"
rules = {}
archive = { remotes = { { url = "$URL", branch = "pages", key = "$T/file_id" } } }
EOF2
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "the key file of site.conf pushes onto pages" \
    "$? $(git --git-dir="$T/srv/site.git" rev-parse pages)" "0 $(head_of "$S")"
check_grep "reported as pages" "^$URL pages: created at [0-9a-f]{7}$" "$T/out"
cp "$T/other_key" "$T/stranger_id"
sed -i "s|$T/file_id|$T/stranger_id|" "$S/site.conf"
revise "$S" "a third revision"
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "a key the server does not know fails" "$?" 1
check_grep "saying the key was refused" "the server refused $T/stranger_id" "$T/err"

# {==== the host key changes: refused, the remote unchanged
sed -i "s|$T/stranger_id|$T/file_id|" "$S/site.conf"
refs "$T/srv/site.git" >"$T/before"
stop_sshd
if start_sshd "$T/other_key"; then
	sed -i "s|^\[127\.0\.0\.1\]:[0-9]*|[127.0.0.1]:$PORT|" "$HOME/.ssh/known_hosts" 2>/dev/null
	ssh-keygen -q -R "[127.0.0.1]:$PORT" -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
	printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$T/host_key.pub")" >>"$HOME/.ssh/known_hosts"
	URL2="ssh://$(id -un)@127.0.0.1:$PORT$T/srv/site.git"
	sed -i "s|$URL|$URL2|" "$S/site.conf"
	"$MORGUE" publish -C "$S" --accept-new-host >"$T/out" 2>"$T/err"
	check_eq "a changed host key is refused, even with --accept-new-host" "$?" 1
	fp=$(ssh-keygen -l -E sha256 -f "$T/other_key.pub" | cut -d' ' -f2)
	check "naming the host, key type and fingerprint" grep -qF -- \
	    "host key of [127.0.0.1]:$PORT has CHANGED: it offers ssh-ed25519 $fp," "$T/err"
	refs "$T/srv/site.git" >"$T/after"
	check "the remote is unchanged" cmp -s "$T/before" "$T/after"
	check_nogrep "nothing claimed" "created|updated" "$T/out"
else
	skip "sshd cannot restart with another host key: a changed key untested"
fi

finish
