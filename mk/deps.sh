#!/bin/sh
# mk/deps.sh [--check]
#
# What morgue needs from the machine, one need a line: how to tell that it
# is there, and the Debian package that provides it. With no argument,
# installs with apt-get each package whose need is not met, one package at
# a time, so that a package that cannot be installed is named and the
# others still go in. With --check, installs nothing: names the Debian
# package of every library pkg-config does not find and exits 1, so that a
# missing library is never a compiler error about a header.
#
# Node.js and npm come from the machine when it has them (a Node.js from
# elsewhere conflicts with Debian's npm); Debian's only when there is no
# node at all. playwright-core then comes from npm into tests/browser.

# The libraries: pkg-config module, Debian package.
LIBS='
libcmark       libcmark-dev
libgit2        libgit2-dev
lua5.4         liblua5.4-dev
yaml-0.1       libyaml-dev
jansson        libjansson-dev
libutf8proc    libutf8proc-dev
icu-uc         libicu-dev
icu-i18n       libicu-dev
libxxhash      libxxhash-dev
zlib           zlib1g-dev
libcrypto      libssl-dev
libmicrohttpd  libmicrohttpd-dev
'

# Commands and data the build and the tests use: a path or a command
# name, Debian package. The publishing tests start their own sshd and
# HTTPS git server (lighttpd running git http-backend, TLS from a CA
# made with openssl) on 127.0.0.1; ca-certificates is the system's CA
# store that publishing over HTTPS trusts by default.
TOOLS='
cc                      gcc
make                    make
pkg-config              pkg-config
python3                 python3
xmllint                 libxml2-utils
mandoc                  mandoc
git                     git
valgrind                valgrind
strace                  strace
clang                   clang
/usr/bin/chromium       chromium
hugo                    hugo
jekyll                  jekyll
/usr/share/iso-codes/json/iso_3166-1.json iso-codes
/usr/share/dict/words    wamerican
/usr/share/publicsuffix/public_suffix_list.dat publicsuffix
openssl                 openssl
ssh-keygen              openssh-client
/usr/sbin/sshd          openssh-server
lighttpd                lighttpd
/usr/lib/lighttpd/mod_openssl.so lighttpd-mod-openssl
/etc/ssl/certs/ca-certificates.crt ca-certificates
'

have() {	# path or command
	case $1 in
	/*) [ -e "$1" ] ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

missing_libs() {	# prints the packages of the modules pkg-config lacks
	printf '%s\n' "$LIBS" | while read -r mod deb; do
		[ -n "$mod" ] || continue
		pkg-config --exists "$mod" 2>/dev/null || echo "$deb"
	done | sort -u
}

if [ "$1" = "--check" ]; then
	if ! command -v pkg-config >/dev/null 2>&1; then
		echo "morgue needs pkg-config: apt-get install pkg-config (or make deps)" >&2
		exit 1
	fi
	debs=$(missing_libs | tr '\n' ' ')
	if [ -n "$debs" ]; then
		echo "morgue needs these Debian packages: $debs" >&2
		echo "install them with: make deps (or apt-get install $debs)" >&2
		exit 1
	fi
	exit 0
fi

want=""
for deb in $(command -v pkg-config >/dev/null 2>&1 && missing_libs); do
	want="$want $deb"
done
command -v pkg-config >/dev/null 2>&1 || want="$want pkg-config $(printf '%s\n' "$LIBS" | awk 'NF { print $2 }' | sort -u | tr '\n' ' ')"
want="$want $(printf '%s\n' "$TOOLS" | while read -r t deb; do
	[ -n "$t" ] || continue
	have "$t" || echo "$deb"
done | tr '\n' ' ')"
# Debian's nodejs and npm only where the machine has no Node.js of its own.
if ! have node; then
	want="$want nodejs npm"
elif ! have npm; then
	echo "make deps: node is here but npm is not; install the npm of that Node.js" >&2
fi

want=$(printf '%s\n' $want | sort -u | tr '\n' ' ')
failed=""
if [ -n "${want# }" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "make deps: these Debian packages are missing: $want" >&2
		echo "run make deps as root, or: sudo apt-get install $want" >&2
		exit 1
	fi
	echo "make deps: installing $want"
	apt-get update -qq || echo "make deps: apt-get update failed; trying the lists we have" >&2
	for deb in $want; do
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    "$deb" >/dev/null 2>&1 \
		    || failed="$failed $deb"
	done
fi

# The browser test's driver, from npm with the machine's Node.js.
if have npm && [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "make deps: npm ci in tests/browser (playwright-core)"
	(cd tests/browser && npm ci --no-audit --no-fund --silent) \
	    || echo "make deps: npm ci failed; the browser test will say so" >&2
fi

if [ -n "$failed" ]; then
	echo "make deps: could not install:$failed" >&2
	# Only the libraries stop the build; a missing test tool is a
	# failed or skipped test that names it.
	sh "$0" --check || exit 1
fi
exit 0
