#!/bin/sh
# test_publish_https.sh: `morgue publish` over HTTPS to a real git
# server the test starts on 127.0.0.1: git http-backend behind lighttpd
# with TLS (a certificate from a CA the test makes) and basic
# authentication. The right credential pushes (from git's credential
# helper as configured in the user's git config, or MORGUE_TOKEN); a
# wrong one, and a certificate no trusted CA signed, fail with a message
# saying what to fix, the remote unchanged. The CA is the one named by
# GIT_SSL_CAINFO or http.sslCAInfo, as for git.
. tests/lib.sh
. tests/cli/archive/publish_lib.sh

LIGHTTPD=$(command -v lighttpd || echo /usr/sbin/lighttpd)
BACKEND=$(git --exec-path 2>/dev/null)/git-http-backend
for c in git openssl python3; do
	command -v "$c" >/dev/null ||
	    { skip "$c is not installed (make deps): HTTPS publishing untested"; finish; exit; }
done
[ -x "$LIGHTTPD" ] ||
    { skip "no lighttpd (make deps): HTTPS publishing untested"; finish; exit; }
[ -x "$BACKEND" ] ||
    { skip "no git-http-backend: HTTPS publishing untested"; finish; exit; }

cleanup() {
	[ -f "$T/httpd.pid" ] && kill "$(cat "$T/httpd.pid")" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

export HOME="$T/home"
unset GIT_SSL_CAINFO MORGUE_TOKEN GIT_ASKPASS SSH_ASKPASS
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME" "$T/srv" "$T/pki"
P=$T/pki
# The CA, and the server's certificate it signs (for localhost).
{
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Morgue test CA" \
	    -keyout "$P/ca.key" -out "$P/ca.pem" &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
	    -keyout "$P/srv.key" -out "$P/srv.csr" &&
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
	    >"$P/ext.cnf" &&
	openssl x509 -req -in "$P/srv.csr" -CA "$P/ca.pem" -CAkey "$P/ca.key" \
	    -CAcreateserial -days 2 -extfile "$P/ext.cnf" -out "$P/srv.pem" &&
	cat "$P/srv.pem" "$P/srv.key" >"$P/srv.both" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Another CA" \
	    -keyout "$P/other.key" -out "$P/other.pem"
} >"$T/pki.log" 2>&1 || { skip "openssl cannot make the test CA: HTTPS publishing untested"; finish; exit; }
echo 'editor:right-password' >"$T/users"
PORT=$(free_port)
cat >"$T/lighttpd.conf" <<EOF2
server.document-root = "$T/srv"
server.bind = "127.0.0.1"
server.port = $PORT
server.pid-file = "$T/httpd.pid"
server.errorlog = "$T/httpd.log"
server.modules = ( "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv", "mod_alias", "mod_openssl" )
ssl.engine = "enable"
ssl.pemfile = "$P/srv.both"
auth.backend = "plain"
auth.backend.plain.userfile = "$T/users"
auth.require = ( "/" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
alias.url = ( "/" => "$BACKEND/" )
cgi.assign = ( "" => "" )
setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$T/srv", "GIT_HTTP_EXPORT_ALL" => "1" )
EOF2
if ! "$LIGHTTPD" -f "$T/lighttpd.conf" >"$T/httpd.err" 2>&1 || ! wait_port "$PORT"; then
	skip "lighttpd cannot start here ($(tail -1 "$T/httpd.err")): HTTPS publishing untested"
	finish
	exit
fi
git init -q --bare "$T/srv/site.git"
URL="https://localhost:$PORT/site.git"
S=$T/site
site "$S" || { fail "the site builds" "see above"; finish; exit; }
git config --global credential.helper "store --file=$T/credentials"
cred() {	# USER PASSWORD: what the helper gives
	printf 'https://%s:%s@localhost%%3a%s\n' "$1" "$2" "$PORT" >"$T/credentials"
}
nothing_changed() {	# NAME
	check_eq "$1: the remote is unchanged" "$(refs "$T/srv/site.git")" "$before"
}
before=$(refs "$T/srv/site.git")

# {==== an untrusted certificate
cred editor right-password
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "a certificate the system's CAs did not sign is refused" "$?" 1
check_grep "saying how to trust it" \
    "certificate of localhost is not trusted by the system's CA store.*GIT_SSL_CAINFO or git config http.sslCAInfo" "$T/err"
nothing_changed "untrusted"
GIT_SSL_CAINFO=$P/other.pem "$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "nor when another CA is named" "$?" 1
check_grep "naming the CA file and where it was named" \
    "not signed by the CA in $P/other.pem \(from GIT_SSL_CAINFO\)" "$T/err"
nothing_changed "another CA"

# {==== credentials
export GIT_SSL_CAINFO="$P/ca.pem"
cred editor wrong-password
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "a wrong password is refused" "$?" 1
check_grep "saying where it came from and what to fix" \
    "the server refused the user name and password from git's credential helper" "$T/err"
check_eq "the refused credential is forgotten, as git does" "$(cat "$T/credentials")" ""
nothing_changed "wrong password"
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "no credential at all fails" "$?" 1
check_grep "saying how to give one" "no credentials for .*: set MORGUE_TOKEN, or set up a git credential helper" "$T/err"
cred editor right-password
"$MORGUE" publish -C "$S" "$URL" >"$T/out" 2>"$T/err"
check_eq "the helper's right password pushes" \
    "$? $(git --git-dir="$T/srv/site.git" rev-parse archive)" "0 $(head_of "$S")"
check_grep "reported" "^$URL archive: created at [0-9a-f]{7}$" "$T/out"

# A token from the environment, onto a pages branch, the CA named in
# git's configuration instead.
: >"$T/credentials"
unset GIT_SSL_CAINFO
git config --global http.sslCAInfo "$P/ca.pem"
cat >"$S/site.conf" <<EOF2
rules = {}
archive = { remotes = { { url = "https://editor@localhost:$PORT/site.git", branch = "pages" } } }
EOF2
before=$(refs "$T/srv/site.git")
MORGUE_TOKEN=not-the-token "$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "a wrong MORGUE_TOKEN is refused" "$?" 1
check_grep "naming MORGUE_TOKEN" "password from MORGUE_TOKEN: set it to a valid token" "$T/err"
nothing_changed "wrong token"
MORGUE_TOKEN=right-password "$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "MORGUE_TOKEN pushes onto pages (CA from http.sslCAInfo)" \
    "$? $(git --git-dir="$T/srv/site.git" rev-parse pages)" "0 $(head_of "$S")"
check_grep "the password is never shown" "^https://editor@localhost:$PORT/site.git pages: created" "$T/out"
# A dry run sends nothing; a URL that holds a password: the report hides it.
revise "$S" "the second revision"
before=$(refs "$T/srv/site.git")
MORGUE_TOKEN=right-password "$MORGUE" publish -C "$S" --dry-run \
    "https://editor:right-password@localhost:$PORT/site.git" >"$T/out" 2>"$T/err"
check_eq "a dry run over HTTPS" "$?" 0
check_grep "says what it would do" "^https://editor:\*\*\*@localhost:$PORT/site.git archive: would update [0-9a-f]{7}\.\.[0-9a-f]{7}$" "$T/out"
check_nogrep "a password in the URL is hidden" "right-password" "$T/out"
nothing_changed "dry run"

finish
