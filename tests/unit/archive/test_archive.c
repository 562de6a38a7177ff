/*
 * test_archive.c: the git archive, on real repositories in a temporary
 * directory, read back with the git command.
 *
 * Run as `test_archive commit REPO DIR [--wait]` it is also the small
 * committer that tests/cli/archive/test_archive.sh kills at various moments:
 * lock, open, commit DIR (time from SOURCE_DATE_EPOCH or the clock), and
 * exit 0, 1 on error or 4 when locked.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/buf.h"
#include "harness.h"
#include "render/outdir.h"
#include "core/xalloc.h"

static char top[256];
static const struct archive_sig sig = { "Test Archivist", "t@example.org" };

static void
put_file(const char *dir, const char *rel, const char *text)
{
	struct buf p = BUF_INIT, cmd = BUF_INIT;
	FILE *f;

	buf_printf(&p, "%s/%s", dir, rel);
	buf_printf(&cmd, "mkdir -p \"$(dirname '%s')\"", p.data);
	if (system(cmd.data) != 0)
		abort();
	if ((f = fopen(p.data, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
	buf_dispose(&p);
	buf_dispose(&cmd);
}

static char *sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command and returns its stdout (caller frees). */
static char *
sh(const char *fmt, ...)
{
	struct buf cmd = BUF_INIT, out = BUF_INIT;
	char chunk[4096];
	va_list ap;
	size_t n;
	FILE *f;

	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	if ((f = popen(cmd.data, "r")) == NULL)
		abort();
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&out, chunk, n);
	pclose(f);
	buf_dispose(&cmd);
	return buf_detach(&out);
}

static const char page_a1[] = "---\ntitle: River port reopens\n---\n"
    "The river port of Vellmar reopened on Monday after repairs.\n";
static const char page_a2[] = "---\ntitle: River port reopens\n---\n"
    "The river port of Vellmar reopened on Tuesday after long repairs.\n";
static const char page_b[] = "---\ntitle: Ferry <strike> ends\n---\n"
    "Ferry workers ended their strike.\n";

static void
site_v1(const char *dir)
{
	put_file(dir, "articles.json", "[{\"path\":\"a.txt\",\"title\":"
	    "\"River port reopens\",\"permalink\":\"articles/2024/01/02/port/\"},"
	    "{\"path\":\"b.txt\",\"title\":\"Ferry <strike> ends\","
	    "\"permalink\":\"articles/2024/01/03/ferry/\"}]\n");
	put_file(dir, "articles/2024/01/02/port/index.md", page_a1);
	put_file(dir, "articles/2024/01/02/port/index.html", "<p>port</p>\n");
	put_file(dir, "articles/2024/01/03/ferry/index.md", page_b);
	put_file(dir, "articles/2024/01/03/ferry/index.html", "<p>f</p>\n");
	put_file(dir, "index.html", "<h1>home</h1>\n");
	/* Names a .gitignore would ignore are archived all the same. */
	put_file(dir, "core", "x\n");
	put_file(dir, "x.log", "x\n");
	put_file(dir, "build/a", "x\n");
	put_file(dir, ".gitignore", "*\n");
}

static int
commit(struct archive *ar, const char *dir, long long when)
{
	struct diag d;
	int committed = -1;

	diag_init(&d, stderr);
	if (archive_commit(&committed, ar, &d, dir, &sig, when) < 0)
		return -1;
	return committed;
}

static int
same_tree(const char *repo, const char *dir)
{
	char *a = sh("git -C %s ls-tree -r --name-only archive | sort", repo);
	char *b = sh("cd %s && find . -type f | sed 's,^\\./,,' | sort", dir);
	int ok = strcmp(a, b) == 0 && strlen(a) > 0;

	free(a);
	free(b);
	return ok;
}

/* The pages of the build in progress, for the history given them
 * without their texts. */
static const char port[] = "---\ntitle: River port reopens\n"
    "related: [x]\n---\n"
    "The river port of Vellmar reopened on Tuesday after long repairs.\n";
static const char fresh[] = "---\ntitle: 'Dock: a new one'\n---\nNew.\n";
static const char *const page_texts[] = { port, fresh };
static int pages_made;

static char *
make_page(void *arg, size_t i, size_t *len)
{
	(void)arg;
	pages_made++;
	*len = strlen(page_texts[i]);
	return xstrdup(page_texts[i]);
}

/*
 * The history as a build reads it, with a pending build on top: the
 * port's front matter changes (not a revision), a new article comes,
 * the bridge goes. With made set, the pages come as blob ids, their
 * texts made when the history reads them: the same history.
 */
static void
test_history(struct archive *ar, int made)
{
	struct archive_page_text pages[] = {
		{ "articles/2024/01/02/port/", port, sizeof(port) - 1, { 0 } },
		{ "articles/2024/03/01/dock/", fresh, sizeof(fresh) - 1, { 0 } },
	};
	archive_page_maker make = made ? make_page : NULL;
	struct archive_history *h = NULL;
	struct archive_rev *rv = NULL;
	struct archive_change *ch = NULL;
	struct diag d;
	git_oid id;
	size_t i, nr = 0, nc = 0;

	diag_init(&d, stderr);
	for (i = 0; made && i < 2; i++) {
		CHECK(git_odb_hash(&id, pages[i].text, pages[i].len,
		    GIT_OBJECT_BLOB) == 0);
		memcpy(pages[i].blob, id.id, sizeof(pages[i].blob));
		pages[i].text = NULL;
		pages[i].len = 0;
	}
	pages_made = 0;
	CHECK(archive_history_load(&h, ar, &d, pages, 2, 1700000400, make,
	    NULL) == 0);
	if (h == NULL)
		return;
	CHECK(archive_history_revisions(&rv, &nr, h, &d, 0) == 0 && nr == 2);
	if (nr == 2)
		CHECK(rv[0].time == 1700000000 && rv[1].time == 1700000200 &&
		    rv[1].text != NULL && strstr(rv[1].text, "Tuesday") != NULL);
	archive_revs_free(rv, nr);
	CHECK(archive_history_revisions(&rv, &nr, h, &d, 1) == 0 && nr == 1);
	if (nr == 1)
		CHECK(rv[0].time == 1700000400 && rv[0].id[0] == '\0');
	archive_revs_free(rv, nr);
	CHECK(archive_history_changes(&ch, &nc, h, &d, 10) == 0 && nc == 4);
	if (nc == 4) {
		CHECK(ch[0].time == 1700000400 && ch[0].id[0] == '\0');
		CHECK(ch[0].added.n == 1 && ch[0].changed.n == 0 &&
		    ch[0].removed.n == 1);
		CHECK_STR(ch[0].added_titles.v[0], "Dock: a new one");
		CHECK_STR(ch[0].removed_titles.v[0], "Bridge opens");
		CHECK(ch[1].time == 1700000300);
		CHECK_STR(ch[1].removed_titles.v[0], "Ferry <strike> ends");
		CHECK(ch[2].changed.n == 1 && ch[2].added.n == 0);
		CHECK(ch[3].added.n == 2 && strlen(ch[3].id) == 40);
	}
	archive_changes_free(ch, nc);
	archive_history_free(h);
	/* Only the texts the history read were made: the port's to compare
	 * it with its last version, the dock's for its title. */
	CHECK(made ? pages_made > 0 : pages_made == 0);
	/* At most max builds, newest first. */
	CHECK(archive_history_load(&h, ar, &d, pages, 2, 1700000400, make,
	    NULL) == 0);
	CHECK(archive_history_changes(&ch, &nc, h, &d, 2) == 0 && nc == 2);
	archive_changes_free(ch, nc);
	archive_history_free(h);
}

static void
test_commits(void)
{
	struct buf repo = BUF_INIT, dir = BUF_INIT;
	struct archive *ar = NULL;
	struct archive_lock *lk = NULL, *lk2 = NULL;
	struct archive_page *pg = NULL;
	struct archive_rev *rv = NULL;
	struct archive_change *ch = NULL;
	struct buf diff = BUF_INIT;
	struct diag d;
	size_t n = 0, nr = 0, nc = 0;
	char *s;

	diag_init(&d, NULL);
	buf_printf(&repo, "%s/site/archive.git", top);
	buf_printf(&dir, "%s/site/public", top);
	site_v1(dir.data);
	CHECK(archive_lock(&lk, &d, repo.data, 0) == 0);
	CHECK(archive_lock(&lk2, &d, repo.data, 0) == ARCHIVE_ELOCKED);
	CHECK(archive_open(&ar, &d, repo.data, "archive") == 0);
	CHECK(commit(ar, dir.data, 1700000000) == 1);
	CHECK(same_tree(repo.data, dir.data));
	s = sh("git -C %s symbolic-ref HEAD", repo.data);
	CHECK_STR(s, "refs/heads/archive\n");
	free(s);
	s = sh("git -C %s log -1 --format='%%ct %%an <%%ae>%%n%%B' "
	    "archive", repo.data);
	CHECK(strncmp(s, "1700000000 Test Archivist <t@example.org>", 41) == 0);
	CHECK(strstr(s, "2 articles added, 0 changed, 0 removed") != NULL);
	CHECK(strstr(s, "- Ferry <strike> ends\n") != NULL);
	free(s);

	/* The same content: no commit. */
	CHECK(commit(ar, dir.data, 1700000100) == 0);
	s = sh("git -C %s rev-list --count archive", repo.data);
	CHECK_STR(s, "1\n");
	free(s);

	/* One article's text changes: one commit, touching only it. */
	put_file(dir.data, "articles/2024/01/02/port/index.md", page_a2);
	CHECK(commit(ar, dir.data, 1700000200) == 1);
	s = sh("git -C %s diff --name-only archive~1 archive", repo.data);
	CHECK_STR(s, "articles/2024/01/02/port/index.md\n");
	free(s);
	s = sh("git -C %s log -1 --format=%%B archive", repo.data);
	CHECK(strstr(s, "0 articles added, 1 changed, 0 removed") != NULL);
	CHECK(strstr(s, "Changed:\n- River port reopens\n") != NULL);
	free(s);
	CHECK(same_tree(repo.data, dir.data));

	/* Its revisions, read back from the history, with a word diff. */
	CHECK(archive_revisions(&rv, &nr, ar, &d,
	    "articles/2024/01/02/port/") == 0);
	CHECK(nr == 2);
	if (nr == 2) {
		CHECK(rv[0].time == 1700000000 && rv[1].time == 1700000200);
		CHECK(archive_word_diff(&diff, rv[0].text, rv[0].len,
		    rv[1].text, rv[1].len, 1) == 3);
		CHECK_STR(diff.data, "The river port of Vellmar reopened on "
		    "<del>Monday</del> <ins>Tuesday</ins> after <ins>long</ins>"
		    " repairs.");
	}
	archive_revs_free(rv, nr);

	/* A removal and an addition; the file list follows exactly. */
	s = sh("rm -r %s/articles/2024/01/03 %s/build", dir.data, dir.data);
	free(s);
	put_file(dir.data, "articles.json", "[{\"path\":\"a.txt\",\"title\":"
	    "\"River port reopens\",\"permalink\":\"articles/2024/01/02/port/\"},"
	    "{\"path\":\"c.txt\",\"title\":\"Bridge opens\","
	    "\"permalink\":\"articles/2024/02/01/bridge/\"}]\n");
	put_file(dir.data, "articles/2024/02/01/bridge/index.md",
	    "---\ntitle: Bridge opens\n---\nA bridge.\n");
	CHECK(commit(ar, dir.data, 1700000300) == 1);
	CHECK(same_tree(repo.data, dir.data));
	s = sh("git -C %s log -1 --format=%%B archive", repo.data);
	CHECK(strstr(s, "1 article added, 0 changed, 1 removed") != NULL);
	CHECK(strstr(s, "Removed:\n- Ferry <strike> ends\n") != NULL);
	free(s);

	/* Permalink memory and the latest changes. */
	CHECK(archive_pages(&pg, &n, ar, &d) == 0 && n == 2);
	CHECK(archive_pages_find(pg, n, "c.txt") != NULL &&
	    strcmp(archive_pages_find(pg, n, "c.txt")->permalink,
	    "articles/2024/02/01/bridge/") == 0);
	CHECK(archive_pages_find(pg, n, "b.txt") == NULL);
	archive_pages_free(pg, n);
	CHECK(archive_changes(&ch, &nc, ar, &d, 10) == 0 && nc == 3);
	if (nc == 3) {
		CHECK(ch[0].time == 1700000300 && ch[0].added.n == 1 &&
		    ch[0].removed.n == 1);
		CHECK_STR(ch[1].changed.v[0], "articles/2024/01/02/port/");
		CHECK(ch[2].added.n == 2);
	}
	archive_changes_free(ch, nc);
	test_history(ar, 0);
	test_history(ar, 1);

	s = sh("git -C %s fsck --full --strict --no-dangling 2>&1 && "
	    "echo ok", repo.data);
	CHECK(strstr(s, "ok\n") != NULL);
	free(s);
	archive_free(ar);
	archive_unlock(lk);
	buf_dispose(&diff);
	buf_dispose(&repo);
	buf_dispose(&dir);
}

struct mover {
	const char	*repo;
};

static void
move_branch_away(void *arg)
{
	const struct mover *m = arg;
	char *s = sh("git -C %s update-ref refs/heads/archive "
	    "$(git -C %s commit-tree -m intruder archive^{tree})",
	    m->repo, m->repo);

	free(s);
}

/* Another process moves the branch during our commit: refused, nothing
 * overwritten. */
static void
test_cas(void)
{
	struct buf repo = BUF_INIT, dir = BUF_INIT;
	struct archive *ar = NULL;
	struct mover m;
	struct diag d;
	char *msg = NULL, *s, *before;
	size_t len = 0;
	FILE *f;
	int committed = -1;

	buf_printf(&repo, "%s/cas.git", top);
	buf_printf(&dir, "%s/cas", top);
	site_v1(dir.data);
	diag_init(&d, NULL);
	CHECK(archive_open(&ar, &d, repo.data, "archive") == 0);
	CHECK(commit(ar, dir.data, 1700000000) == 1);
	put_file(dir.data, "index.html", "<h1>home, again</h1>\n");
	m.repo = repo.data;
	ar->before_ref = move_branch_away;
	ar->before_ref_arg = &m;
	f = open_memstream(&msg, &len);
	diag_init(&d, f);
	CHECK(archive_commit(&committed, ar, &d, dir.data, &sig, 1700000001)
	    == -1);
	fclose(f);
	CHECK(msg != NULL && strstr(msg, "branch moved underneath us "
	    "(expected ") != NULL);
	before = sh("git -C %s log -1 --format=%%s archive", repo.data);
	CHECK_STR(before, "intruder\n");
	free(before);
	free(msg);
	/* The next build, on the new tip, succeeds. */
	ar->before_ref = NULL;
	CHECK(commit(ar, dir.data, 1700000002) == 1);
	s = sh("git -C %s rev-list --count archive", repo.data);
	CHECK_STR(s, "2\n");	/* the intruder's root commit, then ours */
	free(s);
	archive_free(ar);
	buf_dispose(&repo);
	buf_dispose(&dir);
}

/* A killed build's refs/heads/NAME.lock, a killed holder of our own
 * lock, and a corrupt object (refused, no commit on top). */
static void
test_stale_and_corrupt(void)
{
	struct buf repo = BUF_INIT, dir = BUF_INIT, p = BUF_INIT;
	struct archive *ar = NULL;
	struct archive_lock *lk = NULL;
	struct diag d;
	char *msg = NULL, *s, *head;
	size_t len = 0;
	FILE *f;
	int committed = -1;

	buf_printf(&repo, "%s/stale.git", top);
	buf_printf(&dir, "%s/stale", top);
	site_v1(dir.data);
	diag_init(&d, NULL);
	CHECK(archive_open(&ar, &d, repo.data, "archive") == 0);
	CHECK(commit(ar, dir.data, 1700000000) == 1);
	archive_free(ar);
	put_file(repo.data, "refs/heads/archive.lock", "");
	put_file(repo.data, "morgue.lock", "12345\n");
	f = open_memstream(&msg, &len);
	diag_init(&d, f);
	CHECK(archive_lock(&lk, &d, repo.data, 0) == 0);
	fclose(f);
	CHECK(msg != NULL && strstr(msg, "warning: removed "
	    "refs/heads/archive.lock left by a killed build") != NULL);
	CHECK(msg != NULL && strstr(msg, "stale lock of a killed build "
	    "(pid 12345)") != NULL);
	free(msg);
	diag_init(&d, NULL);
	CHECK(archive_open(&ar, &d, repo.data, "archive") == 0);
	put_file(dir.data, "index.html", "<h1>after the crash</h1>\n");
	CHECK(commit(ar, dir.data, 1700000001) == 1);
	archive_free(ar);

	/* Empty the tip's tree object: a clear error, the branch kept. The
	 * packs are unpacked first, so that the tree is a file of its own. */
	free(sh("cd %s && for p in objects/pack/*.pack; do mv $p unpack.tmp && "
	    "rm -f ${p%%.pack}.idx && git unpack-objects -q <unpack.tmp; "
	    "done; rm -f unpack.tmp", repo.data));
	head = sh("git -C %s rev-parse archive", repo.data);
	s = sh("git -C %s rev-parse archive^{tree}", repo.data);
	s[strcspn(s, "\n")] = '\0';
	buf_printf(&p, "%s/objects/%.2s/%s", repo.data, s, s + 2);
	chmod(p.data, 0644);
	CHECK(truncate(p.data, 0) == 0);
	free(s);
	put_file(dir.data, "index.html", "<h1>on a broken archive</h1>\n");
	msg = NULL;
	f = open_memstream(&msg, &len);
	diag_init(&d, f);
	CHECK(archive_open(&ar, &d, repo.data, "archive") == 0);
	CHECK(archive_commit(&committed, ar, &d, dir.data, &sig, 1700000002)
	    == -1);
	fclose(f);
	CHECK(msg != NULL && strstr(msg, "repository corrupt: object ") !=
	    NULL);
	free(msg);
	s = sh("git -C %s rev-parse archive", repo.data);
	CHECK_STR(s, head);
	free(s);
	free(head);
	archive_free(ar);
	archive_unlock(lk);
	buf_dispose(&repo);
	buf_dispose(&dir);
	buf_dispose(&p);
}

static void
test_small_parts(void)
{
	struct buf b = BUF_INIT;
	struct diag d;
	long long t = 0;
	static const char *bad[] = { "abc", "1.5", "-1", " 1",
	    "99999999999999999999", "253402300800", NULL };
	size_t i;

	diag_init(&d, NULL);
	for (i = 0; bad[i] != NULL; i++) {
		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		CHECK(archive_build_time(&t, &d) == -1);
	}
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK(archive_build_time(&t, &d) == 0 && t == 1700000000);
	setenv("SOURCE_DATE_EPOCH", "", 1);
	CHECK(archive_build_time(&t, &d) == 0 && t > 1700000000);
	unsetenv("SOURCE_DATE_EPOCH");

	CHECK(archive_word_diff(&b, "---\ntitle: x\n---\na <b> c\n", 24,
	    "---\ntitle: x\n---\na <i> c\n", 24, 1) == 2);
	CHECK_STR(b.data, "a <del>&lt;b&gt;</del> <ins>&lt;i&gt;</ins> c");
	buf_reset(&b);
	CHECK(archive_word_diff(&b, "one two", 7, "one three", 9, 0) == 2);
	CHECK_STR(b.data, "one [-two-] {+three+}");
	/* Words as a reader sees them: no link targets, no escapes. */
	buf_reset(&b);
	CHECK(archive_word_diff(&b, "Said [Wren Osk](../tags/wren-osk/) "
	    "on *Monday* \\[3\\].", 53, "Said [Wren Osk](../tags/wren-osk/) "
	    "on *Tuesday* \\[4\\].", 54, 0) == 4);
	CHECK_STR(b.data, "Said Wren Osk on [-Monday [3].-] {+Tuesday [4].+}");
	buf_dispose(&b);
}

/* One build's output through outdir.h, as the build writes it: names
 * and texts alternate in files, NULL-terminated. */
static void
build_out(const char *path, const char **files, struct outdir_changes *ch)
{
	struct outdir o;
	struct diag d;
	size_t i;

	diag_init(&d, stderr);
	CHECK(outdir_begin(&o, &d, path) == 0);
	o.changes = ch;
	for (i = 0; files[i] != NULL; i += 2)
		CHECK(outdir_write(&o, &d, files[i], files[i + 1],
		    strlen(files[i + 1])) == 0);
	CHECK(outdir_commit(&o, &d, NULL) == 0);
	outdir_dispose(&o);
}

/* Commits dir with the change list ch; returns the tree id (freed by the
 * caller) and whether only the listed files were read, in *fast. */
static char *
commit_tree(const char *repo, const char *dir, struct outdir_changes *ch,
    int *fast)
{
	struct archive *ar = NULL;
	struct diag d;
	int made = 0;

	diag_init(&d, stderr);
	*fast = -1;
	CHECK(archive_open(&ar, &d, repo, "archive") == 0);
	CHECK(archive_commit_changes(&made, ar, &d, dir, ch, fast, &sig,
	    1700000000) == 0);
	archive_free(ar);
	return sh("git --git-dir=%s rev-parse archive^{tree}", repo);
}

/* The tree a full scan of dir makes, in a new repository. */
static char *
full_tree(const char *dir, const char *name)
{
	struct buf repo = BUF_INIT;
	char *t;
	int fast;

	buf_printf(&repo, "%s/%s.git", top, name);
	t = commit_tree(repo.data, dir, NULL, &fast);
	CHECK(fast == 0);
	buf_dispose(&repo);
	return t;
}

static void
test_changes(void)
{
	struct outdir_changes ch = { STRV_INIT, 0, { 0, 0 }, 0, 0 };
	struct buf out = BUF_INIT, repo = BUF_INIT, other = BUF_INIT;
	char *t, *f;
	int fast;
	const char *v1[] = { "articles.json", "[1]", "a/x.html", "x1",
	    "a/y.html", "y1", "b/z.html", "z1", "b/c/w.html", "w1",
	    "index.html", "i1", NULL };
	/* a/x changed, b/ gone, d/e/ new, a/n new. */
	const char *v2[] = { "articles.json", "[2]", "a/n.html", "n1",
	    "a/x.html", "x2", "a/y.html", "y1", "d/e/v.html", "v1",
	    "index.html", "i1", NULL };
	const char *v3[] = { "articles.json", "[2]", "a/n.html", "n1",
	    "a/x.html", "x2", "a/y.html", "y2", "d/e/v.html", "v1",
	    "index.html", "i2", NULL };

	buf_printf(&out, "%s/changes/public", top);
	buf_printf(&repo, "%s/changes/archive.git", top);
	buf_printf(&other, "%s/changes/other", top);
	build_out(other.data, v2, &ch);
	build_out(out.data, v1, &ch);
	CHECK(!ch.known);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 0);
	free(t);

	/* One build later: the list says what changed, only that is read,
	 * and the tree is the one a full scan makes. */
	build_out(out.data, v2, &ch);
	CHECK(ch.known);
	CHECK(ch.paths.n == 5 && strcmp(ch.paths.v[0], "+a/n.html") == 0 &&
	    strcmp(ch.paths.v[1], "+a/x.html") == 0 &&
	    strcmp(ch.paths.v[2], "+articles.json") == 0 &&
	    strcmp(ch.paths.v[3], "-b") == 0 &&
	    strcmp(ch.paths.v[4], "+d/e/v.html") == 0);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 1);
	f = full_tree(out.data, "full2");
	CHECK_STR(t, f);
	free(t);
	free(f);

	/* A hand edit of the output makes the next commit look at every
	 * file, even when the build writes what the hand wrote. */
	put_file(out.data, "a/y.html", "y2");
	build_out(out.data, v3, &ch);
	CHECK(ch.known);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 0);
	f = full_tree(out.data, "full3");
	CHECK_STR(t, f);
	free(t);
	free(f);

	/* A build whose output was not committed: the next one neither
	 * trusts its list. */
	build_out(out.data, v1, &ch);
	build_out(out.data, v2, &ch);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 0);
	f = full_tree(out.data, "full4");
	CHECK_STR(t, f);
	free(t);
	free(f);

	/* And the one after that does again. */
	build_out(out.data, v3, &ch);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 1);
	f = full_tree(out.data, "full5");
	CHECK_STR(t, f);
	free(t);

	/* A rebuild with no change lists nothing, and reads nothing. */
	build_out(out.data, v3, &ch);
	CHECK(ch.known && ch.paths.n == 0);
	t = commit_tree(repo.data, out.data, &ch, &fast);
	CHECK(fast == 1);
	CHECK_STR(t, f);
	free(t);
	free(f);

	/* Another output directory, older than the last commit: its list
	 * says nothing about the archive's tree. */
	build_out(other.data, v1, &ch);
	CHECK(ch.known);
	t = commit_tree(repo.data, other.data, &ch, &fast);
	CHECK(fast == 0);
	f = full_tree(other.data, "full6");
	CHECK_STR(t, f);
	free(t);
	free(f);
	outdir_changes_dispose(&ch);
	buf_dispose(&out);
	buf_dispose(&repo);
	buf_dispose(&other);
}

/* The geometric rule of archive_repack(): how many of the smallest packs
 * (sizes sorted ascending) are merged. */
static void
test_repack_split(void)
{
	static const off_t none[] = { 0 };
	static const off_t geometric[] = { 10, 20, 40, 100 };
	static const off_t two_equal[] = { 10, 10 };
	static const off_t daily[] = { 10, 10, 10, 10, 1000 };
	static const off_t pulls_up[] = { 10, 10, 30, 1000 };
	static const off_t all[] = { 5, 6, 7, 8 };

	CHECK(archive_repack_split(none, 0) == 0);
	CHECK(archive_repack_split(geometric, 1) == 0);
	/* Each at least twice the one below: nothing to do. */
	CHECK(archive_repack_split(geometric, 4) == 0);
	CHECK(archive_repack_split(two_equal, 2) == 2);
	/* Small daily packs merge; the big first build stays. */
	CHECK(archive_repack_split(daily, 5) == 4);
	/* 10 + 10 is not half of 30: 30 joins the merge. */
	CHECK(archive_repack_split(pulls_up, 4) == 3);
	CHECK(archive_repack_split(all, 4) == 4);
}

/* Two packs of one blob each, made by git: merged into one when both
 * are sound; a damaged one is refused and nothing is removed. */
static void
test_repack(void)
{
	struct archive *ar = NULL;
	struct diag d;
	char *s;
	size_t merged = 9;
	int k;

	for (k = 0; k < 2; k++) {
		free(sh("cd %s && rm -rf rp.git && git init -q --bare rp.git && "
		    "for w in one two; do seq -f \"$w %%g\" 300 | git "
		    "--git-dir=rp.git hash-object -w --stdin | git --git-dir="
		    "rp.git pack-objects -q rp.git/objects/pack/pack; done && "
		    "rm -rf rp.git/objects/??", top));
		if (k == 1)	/* a byte of one pack's deflated data */
			free(sh("cd %s/rp.git/objects/pack && p=$(ls *.pack | "
			    "head -1) && chmod u+w $p && printf 'X' | dd of=$p "
			    "bs=1 seek=40 conv=notrunc 2>/dev/null", top));
		s = sh("cd %s && ls rp.git/objects/pack/*.pack | wc -l", top);
		CHECK_STR(s, "2\n");
		free(s);
		diag_init(&d, NULL);
		CHECK(archive_open(&ar, &d, s = sh("printf %%s %s/rp.git",
		    top), "archive") == 0);
		free(s);
		CHECK(archive_repack(ar, &d, &merged) == (k == 0 ? 0 : -1));
		CHECK(merged == (k == 0 ? 2 : 0));
		archive_free(ar);
		s = sh("cd %s && ls rp.git/objects/pack/*.pack | wc -l", top);
		CHECK_STR(s, k == 0 ? "1\n" : "2\n");
		free(s);
		if (k == 0) {
			s = sh("git --git-dir=%s/rp.git fsck --strict 2>&1 && "
			    "echo sound", top);
			CHECK(strstr(s, "sound") != NULL);
			free(s);
		}
	}
}

static int
helper(int argc, char **argv)
{
	struct archive_lock *lk = NULL;
	struct archive *ar = NULL;
	struct diag d;
	long long when;
	int committed = 0, rc;

	diag_init(&d, stderr);
	if (archive_build_time(&when, &d) < 0)
		return 1;
	rc = archive_lock(&lk, &d, argv[2], argc > 4);
	if (rc < 0)
		return rc == ARCHIVE_ELOCKED ? 4 : 1;
	rc = archive_open(&ar, &d, argv[2], "archive") < 0 ||
	    archive_commit(&committed, ar, &d, argv[3], &sig, when) < 0;
	if (rc == 0)
		puts(committed ? "committed" : "unchanged");
	archive_free(ar);
	archive_unlock(lk);
	return rc;
}

int
main(int argc, char **argv)
{
	char *s;

	if (argc >= 4 && strcmp(argv[1], "commit") == 0)
		return helper(argc, argv);
	snprintf(top, sizeof(top), "%s/morgue-archive.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(top) == NULL)
		return 1;
	test_commits();
	test_cas();
	test_stale_and_corrupt();
	test_small_parts();
	test_changes();
	test_repack_split();
	test_repack();
	s = sh("rm -rf %s", top);
	free(s);
	return harness_done();
}
