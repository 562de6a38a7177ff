/*
 * archive_push.c: pushes the archive branch to a remote (archive.h):
 * a path, file://, ssh or https URL, or a remote configured in the
 * archive repository. Never forces: a remote that has moved on rejects
 * the push, and so may its hooks; git_remote_push() reports such
 * rejections only through the per-reference callback, so
 * they are collected there and make the command fail.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/conf.h"
#include "core/xalloc.h"

/*
 * libgit2 1.5 leaks the PCRE2 match data of each regular expression it
 * runs over the configuration (url.*.insteadOf, when a remote is made);
 * fixed upstream by libgit2 pull request 6382, after Debian 12's 1.5.1.
 * Under LeakSanitizer that one leak is not ours to report (matched by
 * the library, as its frames have no frame pointers to name them).
 */
#if defined(__SANITIZE_ADDRESS__)
const char	*__lsan_default_suppressions(void);
const char	*__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:libpcre2-8.so\n";
}
#endif

/* Credential callbacks are called again after each refusal: stop. */
#define MAX_AUTH_ATTEMPTS	2

struct push {
	struct archive	*ar;
	struct diag	*d;
	const char	*url;
	int		 attempts;
	int		 rejected;
};

static int
update_cb(const char *refname, const char *status, void *payload)
{
	struct push *p = payload;
	struct pos pos = { p->url, 0 };

	if (status != NULL) {
		diag_err(p->d, &pos, "remote rejected %s: %s", refname, status);
		p->rejected = 1;
	}
	return 0;
}

/* Asks git's credential helpers (`git credential fill`) for a user name
 * and password for url; returns 0 when they gave both. */
static int
helper_fill(const char *url, char **user, char **pass)
{
	int in[2], out[2], status;
	char line[4096];
	pid_t pid;
	FILE *f;

	*user = *pass = NULL;
	if (pipe(in) == -1)
		return -1;
	if (pipe(out) == -1) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if ((pid = fork()) == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]), close(in[1]), close(out[0]), close(out[1]);
		execlp("git", "git", "credential", "fill", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (pid > 0 && (f = fdopen(in[1], "w")) != NULL) {
		fprintf(f, "url=%s\n\n", url);
		fclose(f);
	} else
		close(in[1]);
	if (pid > 0 && (f = fdopen(out[0], "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL) {
			line[strcspn(line, "\n")] = '\0';
			if (strncmp(line, "username=", 9) == 0 && !*user)
				*user = xstrdup(line + 9);
			else if (strncmp(line, "password=", 9) == 0 && !*pass)
				*pass = xstrdup(line + 9);
		}
		fclose(f);
	} else
		close(out[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (*user != NULL && *pass != NULL)
		return 0;
	free(*user);
	free(*pass);
	*user = *pass = NULL;
	return -1;
}

static int
cred_cb(git_credential **out, const char *url, const char *url_user,
    unsigned int allowed, void *payload)
{
	struct push *p = payload;
	char *user, *pass;
	int rc;

	if (p->attempts++ >= MAX_AUTH_ATTEMPTS) {
		git_error_set_str(GIT_ERROR_NET, "authentication refused");
		return GIT_EUSER;
	}
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return git_credential_ssh_key_from_agent(out,
		    url_user != NULL ? url_user : "git");
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT &&
	    helper_fill(url, &user, &pass) == 0) {
		rc = git_credential_userpass_plaintext_new(out, user, pass);
		free(user);
		free(pass);
		return rc;
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out,
		    url_user != NULL ? url_user : "git");
	git_error_set_str(GIT_ERROR_NET, "no credentials: start ssh-agent "
	    "or set up a git credential helper");
	return GIT_EUSER;
}

/* A host key or certificate libgit2 could not verify is refused, never
 * accepted on first use. */
static int
cert_cb(git_cert *cert, int valid, const char *host, void *payload)
{
	(void)payload;
	if (valid)
		return 0;
	git_error_set(GIT_ERROR_SSL, "the %s of %s could not be verified "
	    "(add it to known_hosts or the CA store first)",
	    cert->cert_type == GIT_CERT_X509 ? "certificate" : "host key",
	    host);
	return GIT_ECERTIFICATE;
}

static int
push_one(struct archive *ar, struct diag *d, const char *where)
{
	git_push_options po;
	git_remote *r = NULL;
	struct push p;
	struct buf spec = BUF_INIT;
	struct pos pos = { where, 0 };
	char *refs[1];
	git_strarray arr = { refs, 1 };
	const git_error *e;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.ar = ar;
	p.d = d;
	p.url = where;
	if (git_remote_lookup(&r, ar->repo, where) < 0 &&
	    git_remote_create_anonymous(&r, ar->repo, where) < 0) {
		e = git_error_last();
		diag_err(d, &pos, "invalid remote: %s",
		    e ? e->message : "unknown error");
		goto out;
	}
	buf_printf(&spec, "%s:%s", ar->refname, ar->refname);
	refs[0] = spec.data;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks.push_update_reference = update_cb;
	po.callbacks.credentials = cred_cb;
	po.callbacks.certificate_check = cert_cb;
	po.callbacks.payload = &p;
	if (git_remote_push(r, &arr, &po) < 0) {
		e = git_error_last();
		diag_err(d, &pos, "push failed: %s; the local archive is "
		    "unchanged, publish again later",
		    e ? e->message : "unknown error");
		goto out;
	}
	rc = p.rejected ? -1 : 0;
out:
	git_remote_free(r);
	buf_dispose(&spec);
	return rc;
}

int
archive_publish(struct archive *ar, const struct conf *conf,
    struct diag *d, const char *remote)
{
	git_strarray names = { NULL, 0 };
	struct pos pos = { ar->path, 0 };
	char head[41];
	size_t i;
	int rc = -1;

	if (archive_head(head, ar, d) < 0)
		return -1;
	if (head[0] == '\0') {
		diag_err(d, &pos, "nothing to publish: the archive is empty");
		return -1;
	}
	if (remote != NULL)
		return push_one(ar, d, remote);
	if (conf->remotes.n > 0) {
		rc = 0;
		for (i = 0; i < conf->remotes.n; i++)
			if (push_one(ar, d, conf->remotes.v[i]) < 0)
				rc = -1;
		return rc;
	}
	if (git_remote_list(&names, ar->repo) < 0 || names.count == 0) {
		diag_err(d, &pos, "no remote to publish to: give one, or add "
		    "one to site.conf's archive.remotes");
		git_strarray_dispose(&names);
		return -1;
	}
	rc = 0;
	for (i = 0; i < names.count; i++)
		if (push_one(ar, d, names.strings[i]) < 0)
			rc = -1;
	git_strarray_dispose(&names);
	return rc;
}
