/*
 * serve_http.c: the HTTP side of `morgue serve` (serve.h), over
 * libmicrohttpd with a thread per connection: the files of the output
 * directory and nothing else, each HTML page with a small script that
 * reloads it when a build ends, and the server-sent events it listens to.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cmd/serve.h"
#include "core/buf.h"
#include "core/xalloc.h"

/* Seconds between the comments that keep an idle event stream open. */
#define KEEPALIVE	15
/* Pages larger than this are served without the reload script. */
#define MAX_PAGE	((off_t)64 * 1024 * 1024)

void
serve_state_init(struct serve_state *st, const char *root)
{
	memset(st, 0, sizeof(*st));
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->changed, NULL);
	st->root = xstrdup(root);
}

void
serve_state_dispose(struct serve_state *st)
{
	pthread_cond_destroy(&st->changed);
	pthread_mutex_destroy(&st->lock);
	free(st->report);
	free(st->root);
}

void
serve_state_built(struct serve_state *st, const char *report, int failed)
{
	pthread_mutex_lock(&st->lock);
	free(st->report);
	st->report = report != NULL && *report != '\0' ? xstrdup(report) :
	    NULL;
	st->failed = failed;
	st->gen++;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
}

/* {==== the event stream */

struct stream {
	struct serve_state	*st;
	unsigned long		 seen;
	int			 started;
};

static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	struct timespec until;
	int n, rc = 0;

	(void)pos;
	if (!s->started) {
		s->started = 1;
		return snprintf(buf, max, "retry: 1000\n\n");
	}
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += KEEPALIVE;
	pthread_mutex_lock(&s->st->lock);
	while (!s->st->stopping && s->st->gen == s->seen && rc == 0)
		rc = pthread_cond_timedwait(&s->st->changed, &s->st->lock,
		    &until);
	if (s->st->stopping) {
		pthread_mutex_unlock(&s->st->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (s->st->gen == s->seen) {
		pthread_mutex_unlock(&s->st->lock);
		return snprintf(buf, max, ": still here\n\n");
	}
	s->seen = s->st->gen;
	pthread_mutex_unlock(&s->st->lock);
	n = snprintf(buf, max, "event: reload\ndata: %lu\n\n", s->seen);
	return n < 0 || (size_t)n >= max ? MHD_CONTENT_READER_END_WITH_ERROR :
	    n;
}

static enum MHD_Result
events(struct serve_state *st, struct MHD_Connection *c)
{
	struct MHD_Response *r;
	struct stream *s = xcalloc(1, sizeof(*s));
	const char *since;
	enum MHD_Result rc;

	s->st = st;
	pthread_mutex_lock(&st->lock);
	s->seen = st->gen;
	pthread_mutex_unlock(&st->lock);
	/* A build that ended between the page and its stream counts. */
	since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "since");
	if (since != NULL)
		s->seen = strtoul(since, NULL, 10);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
	    stream_read, s, free);
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* ====} */

/* {==== files */

static const char *
content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".xml", "application/xml" },
		{ ".svg", "image/svg+xml" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/*
 * Whether the request path may name a file below the root: it starts
 * with '/', and no part is empty (but the last), "." or "..", or holds a
 * control byte or a backslash. Percent-escapes are decoded before this
 * sees the path, so "%2e%2e" is "..".
 */
static int
path_ok(const char *url)
{
	const char *p = url, *seg;

	if (*p != '/')
		return 0;
	while (*p == '/') {
		seg = ++p;
		while (*p != '\0' && *p != '/') {
			if ((unsigned char)*p < 0x20 || *p == 0x7f ||
			    *p == '\\')
				return 0;
			p++;
		}
		if ((p - seg == 0 && *p == '/') ||
		    (p - seg == 1 && seg[0] == '.') ||
		    (p - seg == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
	}
	return 1;
}

static enum MHD_Result
answer(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type",
	    "text/plain; charset=utf-8");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

static void
put_html(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			BUF_PUTSL(b, "&amp;");
			break;
		case '<':
			BUF_PUTSL(b, "&lt;");
			break;
		case '>':
			BUF_PUTSL(b, "&gt;");
			break;
		default:
			buf_putc(b, *s);
		}
}

/* The script (and the last build's diagnostics) added to served pages. */
static void
live_part(struct serve_state *st, struct buf *b)
{
	pthread_mutex_lock(&st->lock);
	if (st->report != NULL) {
		BUF_PUTSL(b, "<div id=\"morgue-serve-report\" style=\""
		    "position:fixed;left:0;right:0;bottom:0;max-height:50%;"
		    "overflow:auto;margin:0;padding:1em;z-index:99999;"
		    "background:#fff3f0;color:#600;border-top:3px solid #c00;"
		    "font:13px/1.4 monospace\"><strong>");
		buf_puts(b, st->failed ? "morgue serve: the build failed; "
		    "this is the last good site." : "morgue serve: the "
		    "build reported problems.");
		BUF_PUTSL(b, "</strong><pre style=\"white-space:pre-wrap\">");
		put_html(b, st->report);
		BUF_PUTSL(b, "</pre></div>\n");
	}
	buf_printf(b, "<script>(function () {\n"
	    "\tvar es = new EventSource(\"" SERVE_EVENTS "?since=%lu\");\n"
	    "\tes.addEventListener(\"reload\", function () {\n"
	    "\t\tes.close();\n\t\tlocation.reload();\n\t});\n"
	    "})();</script>\n", st->gen);
	pthread_mutex_unlock(&st->lock);
}

/* An HTML page with the live part before its last </body>. */
static enum MHD_Result
send_page(struct serve_state *st, struct MHD_Connection *c, int fd,
    off_t size)
{
	struct buf page = BUF_INIT, out = BUF_INIT;
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t at;
	ssize_t n;

	buf_grow(&page, (size_t)size);
	while ((n = read(fd, page.data + page.len, page.cap - page.len - 1)) > 0) {
		page.len += (size_t)n;
		if (page.len + 1 >= page.cap)
			buf_grow(&page, 4096);
	}
	page.data[page.len] = '\0';
	close(fd);
	for (at = page.len; at >= 7; at--)
		if (strncasecmp(page.data + at - 7, "</body>", 7) == 0)
			break;
	at = at >= 7 ? at - 7 : page.len;
	buf_put(&out, page.data, at);
	live_part(st, &out);
	buf_put(&out, page.data + at, page.len - at);
	buf_dispose(&page);
	at = out.len;		/* before buf_detach() empties out */
	r = MHD_create_response_from_buffer(at, buf_detach(&out),
	    MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/*
 * Serves url from the output directory: a directory by its index.html
 * (or a redirect to its name with a '/'), a regular file as it is. The
 * real path, symlinks resolved, must be inside the real root.
 */
static enum MHD_Result
send_file(struct serve_state *st, struct MHD_Connection *c, const char *url)
{
	struct buf path = BUF_INIT, loc = BUF_INIT;
	struct MHD_Response *r;
	char root[PATH_MAX], real[PATH_MAX];
	struct stat sb;
	enum MHD_Result rc;
	size_t k;
	int fd;

	if (realpath(st->root, root) == NULL)
		return answer(c, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "no site yet: the first build has not written one\n");
	buf_printf(&path, "%s%s", root, url);
	if (url[strlen(url) - 1] == '/')
		BUF_PUTSL(&path, "index.html");
	k = strlen(root);
	if (realpath(path.data, real) == NULL) {
		buf_dispose(&path);
		return answer(c, MHD_HTTP_NOT_FOUND, "not found\n");
	}
	buf_dispose(&path);
	if (strncmp(real, root, k) != 0 || (real[k] != '/' && real[k] != 0))
		return answer(c, MHD_HTTP_FORBIDDEN,
		    "outside the site: refused\n");
	if (stat(real, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		buf_printf(&loc, "%s/", url);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Location", loc.data);
		rc = MHD_queue_response(c, MHD_HTTP_MOVED_PERMANENTLY, r);
		MHD_destroy_response(r);
		buf_dispose(&loc);
		return rc;
	}
	if ((fd = open(real, O_RDONLY)) < 0 || fstat(fd, &sb) < 0 ||
	    !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return answer(c, MHD_HTTP_NOT_FOUND, "not found\n");
	}
	k = strlen(real);
	if (k >= 5 && strcmp(real + k - 5, ".html") == 0 &&
	    sb.st_size < MAX_PAGE)
		return send_page(st, c, fd, sb.st_size);
	r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	MHD_add_response_header(r, "Content-Type", content_type(real));
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* ====} */

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con)
{
	struct serve_state *st = cls;

	(void)version;
	(void)upload;
	(void)con;
	if (*upload_size != 0)
		return MHD_NO;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return answer(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "only GET and HEAD\n");
	if (strcmp(url, SERVE_EVENTS) == 0)
		return events(st, c);
	if (!path_ok(url))
		return answer(c, MHD_HTTP_FORBIDDEN,
		    "not a path inside the site: refused\n");
	return send_file(st, c, url);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX in place; %00 becomes a control byte, which path_ok()
 * refuses, so that an escaped NUL cannot cut a path short. */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s, *r = s;
	int hi, lo;

	(void)cls;
	(void)c;
	while (*r != '\0') {
		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 &&
		    (lo = hexval(r[2])) >= 0) {
			*w++ = (char)(hi * 16 + lo == 0 ? 1 : hi * 16 + lo);
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

struct MHD_Daemon *
serve_http_start(struct serve_state *st, int fd)
{
	return MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, handle, st,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
	    MHD_OPTION_END);
}

void
serve_http_stop(struct serve_state *st, struct MHD_Daemon *daemon)
{
	pthread_mutex_lock(&st->lock);
	st->stopping = 1;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
	if (daemon != NULL)
		MHD_stop_daemon(daemon);
}
