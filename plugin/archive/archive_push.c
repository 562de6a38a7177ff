/*
 * archive_push.c: pushes the archive branch to its remotes (archive.h):
 * a path, file://, ssh or https URL, or a remote configured in the
 * archive repository, each onto the branch site.conf names for it.
 *
 * Each push first reads the remote's branch over the same connection
 * that then sends, so the old value the server is asked to replace is
 * the one checked here: a fast-forward goes, a remote that moved on is
 * refused, and --force replaces it only when it is still what the last
 * successful publish left there (recorded as refs/remotes/NAME/BRANCH),
 * a lease the server itself enforces. Rejections by the remote (its
 * hooks) come only through the per-reference callback, since
 * git_remote_upload() can succeed without the update: collected there,
 * they fail the push.
 */
#include <ctype.h>
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

struct push {
	struct archive	*ar;
	struct diag	*d;
	const char	*shown;		/* the URL without its password */
	int		 rejected;
};

static int
update_cb(const char *refname, const char *status, void *payload)
{
	struct archive_auth *a = payload;
	struct push *p = a->owner;
	struct pos pos = { p->shown, 0 };

	if (status != NULL) {
		diag_err(p->d, &pos, "remote rejected %s: %s", refname, status);
		p->rejected = 1;
	}
	return 0;
}

/* url with the password of "scheme://user:password@host" hidden, so
 * that reports and CI logs never show it. */
static void
redact(struct buf *b, const char *url)
{
	const char *auth = strstr(url, "://"), *at, *colon;

	if (auth != NULL) {
		auth += 3;
		at = auth + strcspn(auth, "@/");
		colon = memchr(auth, ':', (size_t)(at - auth));
		if (*at == '@' && colon != NULL) {
			buf_put(b, url, (size_t)(colon - url));
			buf_printf(b, ":***%s", at);
			return;
		}
	}
	buf_puts(b, url);
}

/* The ref that records what the last successful publish left on the
 * remote: refs/remotes/NAME/BRANCH, NAME being the remote's name, or
 * its URL (without scheme and user) in characters any ref allows. */
static void
track_ref(struct buf *b, git_remote *r, const char *url, const char *branch)
{
	const char *s = git_remote_name(r), *at;

	buf_puts(b, "refs/remotes/");
	if (s != NULL)
		buf_puts(b, s);
	else {
		s = strstr(url, "://") != NULL ? strstr(url, "://") + 3 : url;
		at = s + strcspn(s, "@/");
		if (*at == '@')
			s = at + 1;
		for (; *s != '\0'; s++)
			buf_putc(b, isalnum((unsigned char)*s) || *s == '-' ?
			    *s : '_');
	}
	buf_printf(b, "/%s", branch);
}

/* A key file named in site.conf: "~/" is the home directory, a relative
 * name is in the site's directory. */
static char *
key_path(const char *key, const char *site)
{
	struct buf b = BUF_INIT;

	if (key == NULL || *key == '\0')
		return NULL;
	if (strncmp(key, "~/", 2) == 0 && getenv("HOME") != NULL)
		buf_printf(&b, "%s/%s", getenv("HOME"), key + 2);
	else if (*key == '/' || site == NULL)
		buf_puts(&b, key);
	else
		buf_printf(&b, "%s/%s", site, key);
	return buf_detach(&b);
}

static const char *
short_id(char out[8], const git_oid *id)
{
	git_oid_tostr(out, 8, id);
	return out;
}

/* What a push of local onto the remote's head (NULL: no such branch)
 * would do, given what the archive last saw there (NULL: nothing). */
enum push_kind { PUSH_NONE, PUSH_CREATE, PUSH_FAST, PUSH_FORCE,
    PUSH_MOVED, PUSH_LEASE };

static enum push_kind
push_kind(git_repository *repo, const git_oid *local, const git_oid *remote,
    const git_oid *seen, int force)
{
	if (remote == NULL)
		return PUSH_CREATE;
	if (git_oid_equal(local, remote))
		return PUSH_NONE;
	if (git_graph_descendant_of(repo, local, remote) == 1)
		return PUSH_FAST;
	if (!force)
		return PUSH_MOVED;
	return seen != NULL && git_oid_equal(seen, remote) ? PUSH_FORCE :
	    PUSH_LEASE;
}

/* The remote's head of ref (0), or 1 when it has no such ref. */
static int
remote_head(git_oid *out, git_remote *r, const char *ref)
{
	const git_remote_head **heads;
	size_t i, n;

	if (git_remote_ls(&heads, &n, r) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(heads[i]->name, ref) == 0) {
			git_oid_cpy(out, &heads[i]->oid);
			return 0;
		}
	return 1;
}

static int
git_fail(struct diag *d, const struct pos *pos, const char *what)
{
	const git_error *e = git_error_last();

	diag_err(d, pos, "%s: %s", what, e != NULL ? e->message :
	    "unknown error");
	return -1;
}

/* Records the archive's head as what the remote's branch now holds. */
static void
record(struct push *p, const char *track)
{
	struct pos pos = { p->shown, 0 };
	git_reference *ref = NULL;
	git_oid local;

	if (git_reference_name_to_id(&local, p->ar->repo, p->ar->refname) < 0 ||
	    git_reference_create(&ref, p->ar->repo, track, &local, 1,
	    "publish") < 0)
		diag_warn(p->d, &pos, "pushed, but %s could not be recorded: "
		    "a later --force will be refused", track);
	git_reference_free(ref);
}

/* Sends local onto the remote's dst ("+" when kind is forced), then
 * records it as seen. */
static int
send(struct push *p, git_remote *r, git_remote_callbacks *cb,
    const char *dst, const char *track, enum push_kind kind)
{
	struct archive *ar = p->ar;
	struct pos pos = { p->shown, 0 };
	struct buf spec = BUF_INIT;
	git_push_options po;
	char *refs[1];
	git_strarray arr = { refs, 1 };
	int rc = -1;

	buf_printf(&spec, "%s%s:%s", kind == PUSH_FORCE ? "+" : "",
	    ar->refname, dst);
	refs[0] = spec.data;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks = *cb;
	if (git_remote_upload(r, &arr, &po) < 0)
		git_fail(p->d, &pos, "push failed (the local archive is "
		    "unchanged; publish again later)");
	else if (!p->rejected)
		rc = 0;
	buf_dispose(&spec);
	if (rc == 0)
		record(p, track);
	return rc;
}

static void
report(FILE *out, const char *shown, const char *branch,
    enum push_kind kind, const git_oid *from, const git_oid *to, int dry)
{
	char a[8], b[8];

	fprintf(out, "%s %s: ", shown, branch);
	if (kind == PUSH_NONE)
		fprintf(out, "up to date at %s\n", short_id(a, to));
	else if (kind == PUSH_CREATE)
		fprintf(out, "%s at %s\n", dry ? "would create" : "created",
		    short_id(b, to));
	else
		fprintf(out, "%s %s%s%s%s\n", dry ? "would update" : "updated",
		    short_id(a, from), kind == PUSH_FORCE ? "..." : "..",
		    short_id(b, to), kind == PUSH_FORCE ?
		    " (forced: the remote was where the last publish left it)" :
		    "");
}

/* Says why kind cannot go: the remote moved on, or the lease failed. */
static void
refuse(struct push *p, const char *branch, enum push_kind kind,
    const git_oid *remote, const git_oid *seen, const char *track)
{
	struct pos pos = { p->shown, 0 };
	char a[8], b[8];

	if (kind == PUSH_MOVED)
		diag_err(p->d, &pos, "%s has moved on (it is at %s, which the "
		    "archive branch does not contain): refused. Look at what "
		    "is there; if it is to be replaced, publish --force (it "
		    "replaces only what the last publish left)", branch,
		    short_id(a, remote));
	else if (seen == NULL)
		diag_err(p->d, &pos, "--force refused: %s is at %s and the "
		    "archive never published there (no %s), so it cannot tell "
		    "whose work it would destroy", branch, short_id(a, remote),
		    track);
	else
		diag_err(p->d, &pos, "--force refused: %s is at %s, not at %s "
		    "where the last publish left it: someone else pushed "
		    "there since; look at it before replacing it", branch,
		    short_id(a, remote), short_id(b, seen));
}

/*
 * Whether where names a path on this machine (or a file:// URL, whose
 * path is then at *path), rather than another URL, an scp-like
 * host:path or the name of a remote.
 */
static int
local_path(const char *where, const char **path)
{
	const char *colon = strchr(where, ':'), *slash = strchr(where, '/');

	*path = where;
	if (strncmp(where, "file://", 7) == 0) {
		*path = where + 7;
		return 1;
	}
	if (strstr(where, "://") != NULL ||
	    (colon != NULL && (slash == NULL || colon < slash)))
		return 0;
	return slash != NULL || where[0] == '.';
}

static int
push_one(struct archive *ar, struct diag *d,
    const struct archive_publish_opts *o, const char *where,
    const char *branch, const char *key)
{
	struct buf shown = BUF_INIT, dst = BUF_INIT, track = BUF_INIT;
	struct archive_auth auth;
	git_remote_callbacks cb;
	git_remote *r = NULL;
	git_oid local, remote, seen;
	enum push_kind kind;
	struct push p;
	struct pos pos;
	const char *url, *path;
	char *keyfile;
	int has, has_seen, rc = -1;

	if (branch == NULL || *branch == '\0')
		branch = ar->branch;
	redact(&shown, where);
	pos.file = shown.data;
	pos.line = 0;
	memset(&p, 0, sizeof(p));
	p.ar = ar;
	p.d = d;
	p.shown = shown.data;
	buf_printf(&dst, "refs/heads/%s", branch);
	keyfile = key_path(key, o->site_dir);
	memset(&auth, 0, sizeof(auth));
	if (git_remote_lookup(&r, ar->repo, where) < 0) {
		/* libgit2 calls a missing directory an unsupported
		 * protocol: say what is wrong instead. */
		if (local_path(where, &path) && access(path, F_OK) != 0) {
			diag_err(d, &pos, "no repository at this path: make "
			    "one with `git init --bare %s`, or check the path",
			    path);
			goto out;
		}
		if (git_remote_create_anonymous(&r, ar->repo, where) < 0) {
			git_fail(d, &pos, "invalid remote");
			goto out;
		}
	}
	/* A remote of the repository: its push URL says the host, port
	 * and what credential helpers match. */
	url = git_remote_pushurl(r) != NULL ? git_remote_pushurl(r) :
	    git_remote_url(r) != NULL ? git_remote_url(r) : where;
	if (archive_auth_init(&auth, ar->repo, url, keyfile,
	    o->flags & ARCHIVE_ACCEPT_NEW_HOST) < 0) {
		git_fail(d, &pos, "cannot publish");
		goto out;
	}
	auth.owner = &p;
	track_ref(&track, r, where, branch);
	git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
	archive_auth_callbacks(&cb, &auth);
	cb.push_update_reference = update_cb;
	if (git_remote_connect(r, GIT_DIRECTION_PUSH, &cb, NULL, NULL) < 0) {
		git_fail(d, &pos, "cannot connect (nothing was sent)");
		goto out;
	}
	if ((has = remote_head(&remote, r, dst.data)) < 0) {
		git_fail(d, &pos, "cannot list the remote's branches");
		goto out;
	}
	if (git_reference_name_to_id(&local, ar->repo, ar->refname) < 0) {
		git_fail(d, &pos, "cannot read the archive branch");
		goto out;
	}
	has_seen = git_reference_name_to_id(&seen, ar->repo, track.data) == 0;
	kind = push_kind(ar->repo, &local, has == 0 ? &remote : NULL,
	    has_seen ? &seen : NULL, o->flags & ARCHIVE_FORCE);
	if (kind == PUSH_MOVED || kind == PUSH_LEASE) {
		refuse(&p, branch, kind, &remote, has_seen ? &seen : NULL,
		    track.data);
		goto out;
	}
	if (kind == PUSH_NONE && !(o->flags & ARCHIVE_DRY_RUN))
		record(&p, track.data);	/* another clone may have pushed it */
	if (o->flags & ARCHIVE_DRY_RUN || kind == PUSH_NONE ||
	    send(&p, r, &cb, dst.data, track.data, kind) == 0) {
		report(o->out, shown.data, branch, kind, &remote, &local,
		    o->flags & ARCHIVE_DRY_RUN);
		rc = 0;
	}
out:
	archive_auth_done(&auth, rc == 0 && !(o->flags & ARCHIVE_DRY_RUN));
	archive_auth_dispose(&auth);
	if (r != NULL)
		git_remote_disconnect(r);
	git_remote_free(r);
	free(keyfile);
	buf_dispose(&shown);
	buf_dispose(&dst);
	buf_dispose(&track);
	return rc;
}

int
archive_publish(struct archive *ar, const struct conf *conf,
    struct diag *d, const char *remote, const struct archive_publish_opts *o)
{
	git_strarray names = { NULL, 0 };
	struct pos pos = { ar->path, 0 };
	char head[41];
	size_t i;
	long k;
	int rc = 0;

	if (archive_head(head, ar, d) < 0)
		return -1;
	if (head[0] == '\0') {
		diag_err(d, &pos, "nothing to publish: the archive is empty");
		return -1;
	}
	/* A remote named on the command line that site.conf lists goes to
	 * the branch, with the key, that site.conf gives it. */
	if (remote != NULL) {
		k = strv_find(&conf->remotes, remote);
		return push_one(ar, d, o, remote, k < 0 ? NULL :
		    conf->remote_branches.v[k], k < 0 ? NULL :
		    conf->remote_keys.v[k]);
	}
	/* Every remote is tried, whatever happened to the ones before. */
	if (conf->remotes.n > 0) {
		for (i = 0; i < conf->remotes.n; i++)
			if (push_one(ar, d, o, conf->remotes.v[i],
			    conf->remote_branches.v[i],
			    conf->remote_keys.v[i]) < 0)
				rc = -1;
		return rc;
	}
	if (git_remote_list(&names, ar->repo) < 0 || names.count == 0) {
		diag_err(d, &pos, "no remote to publish to: give one, or add "
		    "one to site.conf's archive.remotes");
		git_strarray_dispose(&names);
		return -1;
	}
	for (i = 0; i < names.count; i++)
		if (push_one(ar, d, o, names.strings[i], NULL, NULL) < 0)
			rc = -1;
	git_strarray_dispose(&names);
	return rc;
}
