/* watch.c: a child process under a CPU-time watchdog (watch.h). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/watch.h"

#define WATCH_TICK_MS	50
/* The wall-clock limit, in budgets: a step that blocks uses no CPU; and
 * a runaway step on a machine that gives the child a tenth of a
 * processor is still stopped in bounded time. */
#define WATCH_WALL_BUDGETS	2

struct watch_progress *
watch_progress_new(void)
{
	void *p;

	p = mmap(NULL, sizeof(struct watch_progress), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("morgue: mmap");
		abort();
	}
	memset(p, 0, sizeof(struct watch_progress));
	return p;
}

void
watch_progress_free(struct watch_progress *p)
{
	if (p != NULL)
		munmap(p, sizeof(*p));
}

void
watch_mark(struct watch_progress *p, uint32_t item, int32_t step,
    const char *where, int busy)
{
	p->busy = 0;
	p->item = item;
	p->step = step;
	if (where != NULL)
		snprintf(p->where, sizeof(p->where), "%s", where);
	__atomic_fetch_add(&p->seq, 1, __ATOMIC_SEQ_CST);
	p->busy = busy;
}

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char c[4];

	c[0] = v & 0xff;
	c[1] = (v >> 8) & 0xff;
	c[2] = (v >> 16) & 0xff;
	c[3] = (v >> 24) & 0xff;
	buf_put(b, (const char *)c, 4);
}

static uint32_t
get32(const unsigned char *c)
{
	return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 |
	    (uint32_t)c[3] << 24;
}

void
watch_flush(struct watch_out *o)
{
	size_t off = 0;
	ssize_t n;

	while (off < o->b.len) {
		n = write(o->fd, o->b.data + off, o->b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(111);	/* the parent is gone */
		off += (size_t)n;
	}
	buf_reset(&o->b);
}

void
watch_put(struct watch_out *o, int type, uint32_t item, size_t nf,
    const char *const *fields)
{
	size_t i, len;

	buf_putc(&o->b, type);
	put32(&o->b, item);
	buf_putc(&o->b, (int)nf);
	for (i = 0; i < nf; i++) {
		len = fields[i] ? strlen(fields[i]) : 0;
		put32(&o->b, (uint32_t)len);
		buf_put(&o->b, fields[i] ? fields[i] : "", len);
	}
}

/* Hands the complete records at the start of in to rec; returns the
 * bytes used. */
static size_t
parse(struct buf *in, void *ctx, watch_record_fn rec)
{
	const unsigned char *p = (const unsigned char *)in->data;
	char *fields[WATCH_MAXF];
	size_t used = 0, off, nf, i, len;

	for (;;) {
		off = used;
		if (in->len - off < 6)
			break;
		nf = p[off + 5];
		off += 6;
		for (i = 0; i < nf && i < WATCH_MAXF; i++) {
			if (in->len - off < 4)
				return used;
			len = get32(p + off);
			if (in->len - off - 4 < len)
				return used;
			off += 4 + len;
		}
		/* The record is complete: cut its fields in place. */
		off = used + 6;
		for (i = 0; i < nf && i < WATCH_MAXF; i++) {
			len = get32(p + off);
			memmove(in->data + off, in->data + off + 4, len);
			in->data[off + len] = '\0';
			fields[i] = in->data + off;
			off += 4 + len;
		}
		rec(ctx, p[used], get32(p + used + 1), i, fields);
		used = off;
	}
	return used;
}

static long
now_ms(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) < 0)
		return 0;
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads what the child sends until it closes the pipe. */
static int
collect(int fd, pid_t pid, void *ctx, watch_record_fn rec,
    struct watch_progress *p, unsigned budget_ms)
{
	struct buf in = BUF_INIT;
	struct pollfd pfd;
	uint32_t seq = p->seq;
	clockid_t cpu;
	long since, cpu_since;
	ssize_t n;
	size_t used;
	int killed = 0;

	/* The budget is the child's CPU time, so that a busy machine does
	 * not stop a rule that is merely slow to be scheduled; without a
	 * CPU clock, the wall clock stands in. */
	if (clock_getcpuclockid(pid, &cpu) != 0)
		cpu = CLOCK_MONOTONIC;
	since = now_ms(CLOCK_MONOTONIC);
	cpu_since = now_ms(cpu);

	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, WATCH_TICK_MS) > 0) {
			buf_grow(&in, 65536);
			n = read(fd, in.data + in.len, 65536);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			in.len += (size_t)n;
			used = parse(&in, ctx, rec);
			memmove(in.data, in.data + used, in.len - used);
			in.len -= used;
		}
		if (killed)
			continue;
		if (!p->busy || p->seq != seq) {
			seq = p->seq;
			since = now_ms(CLOCK_MONOTONIC);
			cpu_since = now_ms(cpu);
		} else if (now_ms(cpu) - cpu_since > (long)budget_ms ||
		    now_ms(CLOCK_MONOTONIC) - since >
		    (long)budget_ms * WATCH_WALL_BUDGETS) {
			kill(pid, SIGKILL);
			killed = 1;
		}
	}
	buf_dispose(&in);
	return killed;
}

enum watch_end
watch_run(void *ctx, watch_child_fn child, watch_record_fn rec,
    struct watch_progress *p, unsigned budget_ms, int *status)
{
	struct watch_out o;
	int fds[2], st = 0, killed;
	pid_t pid;

	fflush(NULL);
	if (pipe(fds) < 0) {
		perror("morgue: pipe");
		abort();
	}
	p->busy = 0;
	if ((pid = fork()) < 0) {
		perror("morgue: fork");
		abort();
	}
	if (pid == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL);
		o.fd = fds[1];
		o.b = (struct buf)BUF_INIT;
		st = child(ctx, &o);
		watch_flush(&o);
		_exit(st);
	}
	close(fds[1]);
	killed = collect(fds[0], pid, ctx, rec, p, budget_ms);
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (killed)
		return WATCH_KILLED;
	if (WIFSIGNALED(st)) {
		*status = WTERMSIG(st);
		return WATCH_CRASHED;
	}
	*status = WEXITSTATUS(st);
	return WATCH_EXITED;
}
