/*
 * archive_auth.c: who a push says it is and whom it talks to
 * (archive_impl.h). SSH: a key file named in site.conf or the keys of
 * ssh-agent; the host checked against ~/.ssh/known_hosts, a changed key
 * always refused, an unknown host only accepted (and recorded) when the
 * user asked for it. HTTPS: a token from MORGUE_TOKEN or what git's
 * credential helpers give (`git credential fill`, as git itself asks
 * them, so the user's git configuration applies); certificates checked
 * against the CA the user names to git (GIT_SSL_CAINFO, http.sslCAInfo)
 * or else the system's.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

/* {==== git's credential helpers */

/*
 * Runs `git credential ACTION` with input on its standard input; when
 * out is not NULL, its standard output goes there. Returns the exit
 * status, or -1 when it could not run.
 */
static int
run_credential(const char *action, const char *input, struct buf *out)
{
	int in[2], res[2], status;
	char chunk[1024];
	ssize_t n;
	pid_t pid;
	FILE *f;

	if (pipe(in) == -1)
		return -1;
	if (pipe(res) == -1) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if ((pid = fork()) == 0) {
		dup2(in[0], 0);
		dup2(res[1], 1);
		close(in[0]), close(in[1]), close(res[0]), close(res[1]);
		/* Without a terminal (CI), a helper that has nothing must
		 * fail, not wait for an answer no one will type. */
		if (!isatty(2))
			setenv("GIT_TERMINAL_PROMPT", "0", 1);
		execlp("git", "git", "credential", action, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(res[1]);
	if (pid == -1) {
		close(in[1]);
		close(res[0]);
		return -1;
	}
	if ((f = fdopen(in[1], "w")) != NULL) {
		fputs(input, f);
		fclose(f);
	} else
		close(in[1]);
	while ((n = read(res[0], chunk, sizeof(chunk))) > 0 ||
	    (n == -1 && errno == EINTR))
		if (n > 0 && out != NULL && out->len < 65536)
			buf_put(out, chunk, (size_t)n);
	close(res[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The protocol's input for url with user and password (either NULL). */
static void
cred_input(struct buf *b, const char *url, const char *user,
    const char *pass)
{
	buf_printf(b, "url=%s\n", url);
	if (user != NULL)
		buf_printf(b, "username=%s\n", user);
	if (pass != NULL)
		buf_printf(b, "password=%s\n", pass);
	buf_putc(b, '\n');
}

/* Asks the helpers for a user name and password: 0 when they gave. */
static int
helper_fill(struct archive_auth *a)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char *line, *next;

	cred_input(&in, a->url, NULL, NULL);
	if (run_credential("fill", in.data, &out) == 0)
		for (line = out.data; *line != '\0'; line = next) {
			next = line + strcspn(line, "\n");
			if (*next != '\0')
				*next++ = '\0';
			if (strncmp(line, "username=", 9) == 0 && !a->user)
				a->user = xstrdup(line + 9);
			else if (strncmp(line, "password=", 9) == 0 && !a->pass)
				a->pass = xstrdup(line + 9);
		}
	buf_dispose(&in);
	buf_dispose(&out);
	if (a->user != NULL && a->pass != NULL)
		return 0;
	free(a->user);
	free(a->pass);
	a->user = a->pass = NULL;
	return -1;
}

void
archive_auth_done(struct archive_auth *a, int ok)
{
	struct buf in = BUF_INIT;

	/* As git does: a helper's credential that worked is stored (a
	 * cache keeps it), one the server refused is forgotten. */
	if (a->from_helper && a->pass != NULL && (ok || a->refused)) {
		cred_input(&in, a->url, a->user, a->pass);
		run_credential(ok ? "approve" : "reject", in.data, NULL);
	}
	buf_dispose(&in);
	free(a->user);
	free(a->pass);
	a->user = a->pass = NULL;
}

/* }==== */

static int	auth_error(struct archive_auth *a, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* Fails the credential callback with a message saying what to fix. */
static int
auth_error(struct archive_auth *a, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	git_error_set_str(GIT_ERROR_NET, msg.data);
	buf_dispose(&msg);
	a->refused = 1;
	return GIT_EUSER;
}

static int
ssh_cred(git_credential **out, struct archive_auth *a, const char *user)
{
	struct buf pub = BUF_INIT;
	int rc;

	/* libgit2 asks again after each refusal: one try is all a key (or
	 * all the keys of an agent, tried in one go) gets. */
	if (a->ssh_tries++ > 0)
		return auth_error(a, "the server refused %s (user %s): give it "
		    "the public key (authorized_keys, or the git host's deploy "
		    "keys)", a->key != NULL ? a->key : "the keys of ssh-agent",
		    user);
	if (a->key != NULL) {
		if (access(a->key, R_OK) == -1)
			return auth_error(a, "cannot read the key file %s: %s "
			    "(site.conf's archive.remotes key)", a->key,
			    strerror(errno));
		buf_printf(&pub, "%s.pub", a->key);
		rc = git_credential_ssh_key_new(out, user,
		    access(pub.data, R_OK) == 0 ? pub.data : NULL, a->key,
		    getenv("MORGUE_SSH_PASSPHRASE"));
		buf_dispose(&pub);
		return rc;
	}
	if (getenv("SSH_AUTH_SOCK") == NULL || *getenv("SSH_AUTH_SOCK") == 0)
		return auth_error(a, "no ssh-agent (SSH_AUTH_SOCK is not set) "
		    "and no key file for %s: start ssh-agent and ssh-add the "
		    "key, or name it in site.conf (archive.remotes = { { url = "
		    "..., key = \"...\" } })", a->url);
	return git_credential_ssh_key_from_agent(out, user);
}

static int
cred_cb(git_credential **out, const char *url, const char *url_user,
    unsigned int allowed, void *payload)
{
	struct archive_auth *a = payload;
	const char *user = url_user != NULL && *url_user ? url_user : "git";
	const char *token = getenv("MORGUE_TOKEN");

	(void)url;
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return ssh_cred(out, a, user);
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		if (a->pass_tries++ > 0)
			return auth_error(a, "the server refused the user name "
			    "and password from %s", a->from_helper ?
			    "git's credential helper: store the right ones "
			    "(git credential approve) or fix the helper's "
			    "configuration" : "MORGUE_TOKEN: set it to a valid "
			    "token for this remote and user");
		if (token != NULL && *token != '\0') {
			a->from_helper = 0;
			return git_credential_userpass_plaintext_new(out, user,
			    token);
		}
		if (helper_fill(a) == 0) {
			a->from_helper = 1;
			return git_credential_userpass_plaintext_new(out,
			    a->user, a->pass);
		}
		return auth_error(a, "no credentials for %s: set MORGUE_TOKEN, "
		    "or set up a git credential helper (git config --global "
		    "credential.helper ...)", a->url);
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user);
	return auth_error(a, "%s asks for a kind of credential morgue cannot "
	    "give", a->url);
}

/* {==== Host keys */

static const char *
key_type(git_cert_ssh_raw_type_t t)
{
	switch (t) {
	case GIT_CERT_SSH_RAW_TYPE_RSA:		return "ssh-rsa";
	case GIT_CERT_SSH_RAW_TYPE_DSS:		return "ssh-dss";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256: return "ecdsa-sha2-nistp256";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384: return "ecdsa-sha2-nistp384";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521: return "ecdsa-sha2-nistp521";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519:	return "ssh-ed25519";
	default:				return "unknown";
	}
}

/* Base64 of n bytes, as known_hosts and fingerprints write them. */
static char *
b64(const void *p, size_t n)
{
	char *s = xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)s, p, (int)n);
	return s;
}

/* Whether the hashed known_hosts name "|1|salt|hash" is name. */
static int
hashed_match(const char *field, const char *name)
{
	unsigned char salt[64], want[64], got[EVP_MAX_MD_SIZE];
	char s64[96], h64[96];
	unsigned int glen = 0;
	const char *bar;

	bar = strchr(field + 3, '|');
	if (bar == NULL || (size_t)(bar - field - 3) >= sizeof(s64) ||
	    strlen(bar + 1) >= sizeof(h64))
		return 0;
	memcpy(s64, field + 3, (size_t)(bar - field - 3));
	s64[bar - field - 3] = '\0';
	strcpy(h64, bar + 1);
	/* 20-byte SHA-1 values: 28 base64 characters, one of padding. */
	if (strlen(s64) != 28 || strlen(h64) != 28 ||
	    EVP_DecodeBlock(salt, (unsigned char *)s64, 28) != 21 ||
	    EVP_DecodeBlock(want, (unsigned char *)h64, 28) != 21)
		return 0;
	HMAC(EVP_sha1(), salt, 20, (const unsigned char *)name, strlen(name),
	    got, &glen);
	return glen == 20 && memcmp(got, want, 20) == 0;
}

/* OpenSSH's host patterns: "*" and "?" are wildcards, nothing else
 * ("[host]:port" is literal). */
static int
glob_match(const char *pat, const char *s)
{
	for (; *pat != '\0'; pat++, s++) {
		if (*pat == '*') {
			for (;; s++) {
				if (glob_match(pat + 1, s))
					return 1;
				if (*s == '\0')
					return 0;
			}
		}
		if (*s == '\0' || (*pat != '?' && *pat != *s))
			return 0;
	}
	return *s == '\0';
}

/* Whether the comma-separated host patterns hosts name name. */
static int
hosts_match(char *hosts, const char *name)
{
	char *h, *save = NULL;
	int yes = 0;

	if (strncmp(hosts, "|1|", 3) == 0)
		return hashed_match(hosts, name);
	for (h = strtok_r(hosts, ",", &save); h != NULL;
	    h = strtok_r(NULL, ",", &save)) {
		if (*h == '!' && glob_match(h + 1, name))
			return 0;
		if (*h != '!' && glob_match(h, name))
			yes = 1;
	}
	return yes;
}

/*
 * Looks name up in the known_hosts file path: 2 when it lists key,
 * 1 when it lists name with other keys only (their types in types),
 * 0 when it does not list name.
 */
static int
known_lookup(const char *path, const char *name, const char *key,
    struct buf *types)
{
	char line[8192], *hosts, *type, *k, *save = NULL;
	int found = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((hosts = strtok_r(line, " \t\r\n", &save)) == NULL ||
		    *hosts == '#' || *hosts == '@' ||
		    (type = strtok_r(NULL, " \t\r\n", &save)) == NULL ||
		    (k = strtok_r(NULL, " \t\r\n", &save)) == NULL ||
		    !hosts_match(hosts, name))
			continue;
		if (strcmp(k, key) == 0) {
			found = 2;
			break;
		}
		found = 1;
		if (strstr(types->data, type) == NULL)
			buf_printf(types, "%s%s", types->len ? ", " : "", type);
	}
	fclose(f);
	return found;
}

/* Records name's key in the known_hosts file path. */
static int
known_add(const char *path, const char *name, const char *type,
    const char *key)
{
	struct buf dir = BUF_INIT;
	FILE *f;
	int rc;

	buf_put(&dir, path, (size_t)(strrchr(path, '/') - path));
	(void)mkdir(dir.data, 0700);
	buf_dispose(&dir);
	if ((f = fopen(path, "a")) == NULL)
		return -1;
	fprintf(f, "%s %s %s\n", name, type, key);
	rc = fclose(f) == 0 ? 0 : -1;
	return rc;
}

static int
hostkey_check(struct archive_auth *a, git_cert_hostkey *hk,
    const char *host)
{
	struct buf name = BUF_INIT, path = BUF_INIT, types = BUF_INIT;
	const char *type = key_type(hk->raw_type);
	char *key = NULL, *fp = NULL;
	int known, rc = GIT_ECERTIFICATE;

	if (!(hk->type & GIT_CERT_SSH_RAW) || !(hk->type & GIT_CERT_SSH_SHA256)) {
		git_error_set(GIT_ERROR_SSH, "the host key of %s could not be "
		    "read, so it cannot be checked", host);
		return GIT_ECERTIFICATE;
	}
	key = b64(hk->hostkey, hk->hostkey_len);
	fp = b64(hk->hash_sha256, sizeof(hk->hash_sha256));
	fp[strcspn(fp, "=")] = '\0';		/* as ssh-keygen -l shows it */
	if (a->port == 22)
		buf_puts(&name, host);
	else
		buf_printf(&name, "[%s]:%d", host, a->port);
	buf_printf(&path, "%s/.ssh/known_hosts",
	    getenv("HOME") != NULL ? getenv("HOME") : "");
	known = known_lookup(path.data, name.data, key, &types);
	if (known == 2)
		rc = 0;
	else if (known == 1)
		git_error_set(GIT_ERROR_SSH, "the host key of %s has CHANGED: it "
		    "offers %s SHA256:%s, which %s does not list for it (it "
		    "lists %s); refused. If the host's owner confirms the new "
		    "key, remove the old one (ssh-keygen -R '%s') and publish "
		    "with --accept-new-host; otherwise someone may be "
		    "impersonating the host", name.data, type, fp, path.data,
		    types.data, name.data);
	else if (!a->accept_new_host)
		git_error_set(GIT_ERROR_SSH, "%s is not a known host: %s does "
		    "not list it (it offers %s SHA256:%s); check that "
		    "fingerprint with the host's owner, then publish with "
		    "--accept-new-host to record it", name.data, path.data,
		    type, fp);
	else if (known_add(path.data, name.data, type, key) < 0)
		git_error_set(GIT_ERROR_SSH, "cannot record the host key of %s "
		    "in %s: %s", name.data, path.data, strerror(errno));
	else {
		fprintf(stderr, "morgue: %s: new host recorded in %s: %s "
		    "SHA256:%s\n", name.data, path.data, type, fp);
		rc = 0;
	}
	free(key);
	free(fp);
	buf_dispose(&name);
	buf_dispose(&path);
	buf_dispose(&types);
	return rc;
}

/* }==== */

static int
cert_cb(git_cert *cert, int valid, const char *host, void *payload)
{
	struct archive_auth *a = payload;

	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2)
		/* libgit2 found the key in known_hosts; otherwise tell a
		 * changed key from an unknown host. */
		return valid ? 0 : hostkey_check(a, (git_cert_hostkey *)cert,
		    host);
	if (valid)
		return 0;
	if (a->ca != NULL)
		git_error_set(GIT_ERROR_SSL, "the certificate of %s is not "
		    "trusted: it is not signed by the CA in %s (from %s), or "
		    "is not for that host name; name the right CA there",
		    host, a->ca, a->ca_from);
	else
		git_error_set(GIT_ERROR_SSL, "the certificate of %s is not "
		    "trusted by the system's CA store, or is not for that host "
		    "name; if your own CA signed it, name the CA's certificate "
		    "in GIT_SSL_CAINFO or git config http.sslCAInfo", host);
	return GIT_ECERTIFICATE;
}

/* The port of an ssh URL: ssh://[user@]host[:port]/path, or 22. */
static int
ssh_port(const char *url)
{
	const char *p = strstr(url, "://"), *end;
	long port;

	if (p == NULL)
		return 22;		/* user@host:path */
	p += 3;
	end = p + strcspn(p, "/");
	if (memchr(p, '@', (size_t)(end - p)) != NULL)
		p = (const char *)memchr(p, '@', (size_t)(end - p)) + 1;
	if (*p == '[' && (p = memchr(p, ']', (size_t)(end - p))) == NULL)
		return 22;
	if ((p = memchr(p, ':', (size_t)(end - p))) == NULL)
		return 22;
	port = strtol(p + 1, NULL, 10);
	return port > 0 && port < 65536 ? (int)port : 22;
}

int
archive_auth_init(struct archive_auth *a, git_repository *repo,
    const char *url, const char *key, int accept_new_host)
{
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT;
	const char *env = getenv("GIT_SSL_CAINFO");

	memset(a, 0, sizeof(*a));
	a->url = url;
	a->key = key;
	a->accept_new_host = accept_new_host;
	a->port = ssh_port(url);
	/* The CA git would trust: GIT_SSL_CAINFO, then http.sslCAInfo of
	 * the archive's configuration (which includes the user's). */
	if (env != NULL && *env != '\0') {
		a->ca = xstrdup(env);
		a->ca_from = "GIT_SSL_CAINFO";
	} else if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_path(&path, cfg, "http.sslCAInfo") == 0) {
		a->ca = xstrdup(path.ptr);
		a->ca_from = "http.sslCAInfo";
	}
	git_buf_dispose(&path);
	git_config_free(cfg);
	if (a->ca == NULL)
		return 0;
	if (access(a->ca, R_OK) == -1) {
		git_error_set(GIT_ERROR_SSL, "cannot read the CA file %s named "
		    "by %s: %s", a->ca, a->ca_from, strerror(errno));
		return -1;
	}
	/* libgit2 keeps one CA store for the process: the one named here
	 * replaces the system's, as for git. */
	if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, a->ca, NULL) < 0)
		return -1;
	return 0;
}

void
archive_auth_callbacks(git_remote_callbacks *cb, struct archive_auth *a)
{
	cb->credentials = cred_cb;
	cb->certificate_check = cert_cb;
	cb->payload = a;
}

void
archive_auth_dispose(struct archive_auth *a)
{
	free(a->user);
	free(a->pass);
	a->user = a->pass = NULL;
	free(a->ca);
	a->ca = NULL;
}
