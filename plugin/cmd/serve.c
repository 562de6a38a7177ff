/*
 * serve.c: `morgue serve [-C DIR] [--port N] [--bind ADDR] [--commit]`
 * (commands.h): builds the site, serves its output directory over HTTP
 * (serve_http.c), and rebuilds when the content, the rules, the
 * templates or site.conf change (inotify), after which open pages
 * reload. A build that fails leaves the last good site served, with the
 * diagnostics shown over every page and on the terminal.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "cmd/serve.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/xalloc.h"

/* Quiet time after a change before rebuilding: an editor's save is
 * often several events. In milliseconds. */
#define SETTLE_MS	150
/* The most directories watched; a deeper tree is watched in part. */
#define MAX_WATCHES	8192

struct serve_opts {
	const char	*dir;
	const char	*bind;
	unsigned	 port;
	int		 commit;
};

static int
serve_usage(FILE *f)
{
	fputs("usage: morgue serve [-C DIR] [--port N] [--bind ADDR] "
	    "[--commit]\n\n"
	    "Builds the site of DIR (default: the current directory), serves\n"
	    "its output directory at http://ADDR:N/ and rebuilds whenever the\n"
	    "content, the rules, the templates or site.conf change; open pages\n"
	    "then reload. Ctrl-C stops it.\n\n"
	    "  -C DIR       change to DIR first\n"
	    "  --port N     the port (default 8080; 0 picks a free one)\n"
	    "  --bind ADDR  the address (default 127.0.0.1)\n"
	    "  --commit     commit each build to the archive (default: none)\n"
	    "  -h, --help   show this help\n\n"
	    "Exit status: 0 stopped by Ctrl-C; 2 usage; 3 the address cannot\n"
	    "be used or site.conf is wrong.\n", f);
	return f == stdout ? 0 : EXIT_USAGE;
}

/* Reads the options; -1 wrong (reported), 1 --help, else 0. */
static int
serve_options(struct serve_opts *o, struct diag *d, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "port",	required_argument,	NULL, 'p' },
		{ "bind",	required_argument,	NULL, 'b' },
		{ "commit",	no_argument,		NULL, 'c' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	unsigned long n;
	char *end;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:h", longopts, NULL)) != -1)
		switch (c) {
		case 'C':
			o->dir = optarg;
			break;
		case 'p':
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    errno != 0 || n > 65535) {
				diag_err(d, NULL, "serve: --port wants a "
				    "number from 0 to 65535, not \"%s\"",
				    optarg);
				return -1;
			}
			o->port = (unsigned)n;
			break;
		case 'b':
			o->bind = optarg;
			break;
		case 'c':
			o->commit = 1;
			break;
		case 'h':
			return 1;
		case ':':
			diag_err(d, NULL, "serve: %s needs a value",
			    argv[optind - 1]);
			return -1;
		default:
			diag_err(d, NULL, "serve: unknown option \"%s\"",
			    argv[optind - 1]);
			return -1;
		}
	if (optind < argc) {
		diag_err(d, NULL, "serve: unexpected argument \"%s\"",
		    argv[optind]);
		return -1;
	}
	return 0;
}

/* {==== the listening socket */

/* A socket listening on addr:port, or -1 after reporting why not. */
static int
listen_on(struct diag *d, const char *addr, unsigned port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	int fd, one = 1;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		len = sizeof(*in4);
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		len = sizeof(*in6);
	} else {
		diag_err(d, NULL, "serve: --bind wants an IPv4 or IPv6 "
		    "address, not \"%s\"", addr);
		return -1;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		goto fail;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 64) < 0)
		goto fail;
	return fd;
fail:
	if (errno == EADDRINUSE)
		diag_err(d, NULL, "serve: port %u on %s is taken by another "
		    "program: stop it, or choose another port with --port",
		    port, addr);
	else
		diag_err(d, NULL, "serve: cannot listen on %s port %u: %s",
		    addr, port, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

/* The port fd listens on (the one the system chose for port 0). */
static unsigned
bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* ====} */

/* {==== building */

/*
 * One build, as `morgue build` makes it, with its diagnostics gathered
 * for the pages and copied to the terminal. Returns the build's exit
 * status.
 */
static int
rebuild(struct serve_state *st, struct diag *d, int commit)
{
	char name[] = "build", nocommit[] = "--no-commit";
	char *argv[] = { name, nocommit, NULL };
	struct diag bd;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	if (commit)
		argv[1] = NULL;
	if ((mem = open_memstream(&text, &len)) == NULL) {
		diag_err(d, NULL, "serve: out of memory");
		return EXIT_CONFIG;
	}
	diag_init(&bd, mem);
	optind = 0;
	rc = cmd_build(commit ? 1 : 2, argv, &bd);
	fclose(mem);
	if (len > 0 && d->out != NULL) {
		fwrite(text, 1, len, d->out);
		fflush(d->out);
	}
	serve_state_built(st, rc == 0 ? NULL : text, rc > EXIT_INPUT);
	if (rc == 0)
		diag_note(d, NULL, "serve: built");
	else
		diag_note(d, NULL, "serve: %s", rc > EXIT_INPUT ? "the build "
		    "failed; serving the last good site" : "built, with errors");
	free(text);
	return rc;
}

/* ====} */

/* {==== watching */

/* Watches dir and, with deep set, every directory below it. */
static void
watch_tree(int fd, const char *dir, int deep, size_t *n)
{
	struct buf sub = BUF_INIT;
	struct dirent *e;
	struct stat sb;
	DIR *dp;

	if (*n >= MAX_WATCHES || inotify_add_watch(fd, dir, IN_CLOSE_WRITE |
	    IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
	    IN_ONLYDIR | IN_DONT_FOLLOW) < 0)
		return;
	(*n)++;
	if (!deep || (dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s/%s", dir, e->d_name);
		if (lstat(sub.data, &sb) == 0 && S_ISDIR(sb.st_mode))
			watch_tree(fd, sub.data, 1, n);
	}
	closedir(dp);
	buf_dispose(&sub);
}

/* The directory part of a relative path, or "." */
static void
dir_of(struct buf *out, const char *path)
{
	const char *slash = strrchr(path, '/');

	buf_reset(out);
	if (slash == NULL)
		buf_puts(out, ".");
	else
		buf_put(out, path, (size_t)(slash - path));
}

/*
 * A fresh inotify descriptor over what the site is built from, as
 * site.conf now says (its defaults when it does not load). The site's
 * own directory is watched alone, for site.conf.
 */
static int
watch_site(struct diag *d)
{
	struct conf *conf = NULL;
	struct diag quiet;
	struct buf dir = BUF_INIT;
	size_t i, n = 0;
	int fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		diag_err(d, NULL, "serve: cannot watch for changes: %s",
		    strerror(errno));
		return -1;
	}
	diag_init(&quiet, NULL);
	if (conf_load(&conf, &quiet, "site.conf") < 0)
		conf = conf_new();
	watch_tree(fd, ".", 0, &n);
	watch_tree(fd, conf->content, 1, &n);
	watch_tree(fd, conf->templates, 1, &n);
	watch_tree(fd, "lua", 0, &n);
	for (i = 0; i < conf->rules.n; i++) {
		dir_of(&dir, conf->rules.v[i]);
		if (strcmp(dir.data, ".") != 0)
			watch_tree(fd, dir.data, 0, &n);
	}
	buf_dispose(&dir);
	conf_free(conf);
	return fd;
}

/*
 * Reads what inotify has; returns 1 when a change matters: anything
 * but hidden and backup files, and in the site's own directory only
 * site.conf and the watched directories coming or going.
 */
static int
drain(int fd, int top_wd)
{
	char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	ssize_t n;
	char *p;
	int hit = 0;

	while ((n = read(fd, ev, sizeof(ev))) > 0)
		for (p = ev; p < ev + n; p += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)p;
			if (e->len == 0 || e->name[0] == '.' ||
			    e->name[strlen(e->name) - 1] == '~')
				continue;
			if (e->wd == top_wd && strcmp(e->name, "site.conf") &&
			    !(e->mask & IN_ISDIR))
				continue;
			hit = 1;
		}
	return hit;
}

/* ====} */

/* Waits for the next change worth a build, or for a signal (0). */
static int
wait_change(int ino, int sig)
{
	struct pollfd pf[2] = { { sig, POLLIN, 0 }, { ino, POLLIN, 0 } };
	int changed = 0;

	for (;;) {
		if (poll(pf, 2, changed ? SETTLE_MS : -1) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (pf[0].revents & POLLIN)
			return 0;
		if (pf[1].revents & POLLIN) {
			/* The site's directory is the first watch. */
			if (drain(ino, 1))
				changed = 1;
			continue;
		}
		if (changed)
			return 1;
	}
}

static int
serve(struct diag *d, const struct serve_opts *o, int sig)
{
	struct serve_state st;
	struct MHD_Daemon *daemon = NULL;
	struct conf *conf = NULL;
	struct buf root = BUF_INIT;
	char *cwd = NULL;
	int lfd, ino = -1, rc = EXIT_CONFIG;

	if (conf_load(&conf, d, "site.conf") < 0)
		return EXIT_CONFIG;
	if ((lfd = listen_on(d, o->bind, o->port)) < 0) {
		conf_free(conf);
		return EXIT_CONFIG;
	}
	cwd = getcwd(NULL, 0);
	buf_printf(&root, "%s/%s", cwd ? cwd : ".", conf->output);
	serve_state_init(&st, root.data);
	rebuild(&st, d, o->commit);
	if ((daemon = serve_http_start(&st, lfd)) == NULL) {
		diag_err(d, NULL, "serve: the HTTP server did not start");
		close(lfd);
		goto out;
	}
	diag_note(d, NULL, "serving %s at http://%s%s%s:%u/ (Ctrl-C stops)",
	    conf->output, strchr(o->bind, ':') ? "[" : "", o->bind,
	    strchr(o->bind, ':') ? "]" : "", bound_port(lfd));
	for (;;) {
		if ((ino = watch_site(d)) < 0)
			goto out;
		if (!wait_change(ino, sig))
			break;
		close(ino);
		ino = -1;
		rebuild(&st, d, o->commit);
	}
	diag_note(d, NULL, "serve: stopped");
	rc = 0;
out:
	if (ino >= 0)
		close(ino);
	serve_http_stop(&st, daemon);
	serve_state_dispose(&st);
	buf_dispose(&root);
	free(cwd);
	conf_free(conf);
	return rc;
}

int
cmd_serve(int argc, char **argv, struct diag *d)
{
	struct serve_opts o = { NULL, "127.0.0.1", 8080, 0 };
	sigset_t mask;
	int rc, sig;

	if ((rc = serve_options(&o, d, argc, argv)) != 0)
		return serve_usage(rc > 0 ? stdout : stderr);
	if (o.dir != NULL && chdir(o.dir) < 0) {
		diag_err(d, &(struct pos){ o.dir, 0 }, "cannot change to this "
		    "directory: %s", strerror(errno));
		return EXIT_USAGE;
	}
	/* Ctrl-C is read from a descriptor between builds, so that a
	 * build is never cut short; the server's threads inherit the
	 * mask and leave the signals to it. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	if (pthread_sigmask(SIG_BLOCK, &mask, NULL) != 0 ||
	    (sig = signalfd(-1, &mask, SFD_CLOEXEC)) < 0) {
		diag_err(d, NULL, "serve: cannot take signals: %s",
		    strerror(errno));
		return EXIT_CONFIG;
	}
	rc = serve(d, &o, sig);
	close(sig);
	return rc;
}
