/*
 * md_read.c: hand-written .md pages with YAML front matter back into an
 * article (md_read.h).
 *
 * The front matter is read with libyaml's document loader, which keeps
 * aliases as references (no "billion laughs" expansion). The body is
 * split into blocks line by line, without cmark: an untrusted page must
 * not reach cmark's parser and its quadratic cases, and an article holds
 * plain text anyway, so inline markup is reduced to its text.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "parse/dates.h"
#include "parse/md_read.h"
#include "parse/slug.h"
#include "parse/text.h"
#include "core/xalloc.h"

/* The front-matter keys that hold tags, and the tag kind of each. */
static const struct {
	const char	*key;
	const char	*kind;
} tag_keys[] = {
	{ "people", "people" }, { "places", "places" },
	{ "organisations", "organisations" },
	{ "organizations", "organisations" },
	{ "topics", "topics" }, { "tags", "topics" },
};

/* What reading one page needs to hand around. */
struct page {
	struct article	*a;
	struct diag	*d;
	const char	*path;
	unsigned	 line0;	/* line of the front matter's first line */
	yaml_document_t	 doc;
};

/* A front-matter string made clean like article text: controls dropped,
 * NFC, on one line. NULL when nothing is left. */
static char *
clean(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	struct diag quiet;
	size_t i;

	diag_init(&quiet, NULL);
	if (text_decode(&b, &quiet, NULL, s, len) < 0) {
		buf_dispose(&b);
		return NULL;
	}
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	for (i = 0; b.data[i] == ' '; i++)
		;
	memmove(b.data, b.data + i, b.len - i + 1);
	b.len -= i;
	return buf_detach(&b);
}

static char *
scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return clean((const char *)n->data.scalar.value,
	    n->data.scalar.length);
}

/* Calls fn on each string of a scalar or a sequence of scalars. */
static void
each_string(struct page *pg, yaml_node_t *n, const char *key,
    void (*fn)(struct page *, const char *, char *))
{
	yaml_node_item_t *it;
	char *s;

	if (n->type == YAML_SCALAR_NODE) {
		if ((s = scalar(n)) != NULL)
			fn(pg, key, s);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return;
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		if ((s = scalar(yaml_document_get_node(&pg->doc, *it))) != NULL)
			fn(pg, key, s);
}

static void
add_list(struct page *pg, const char *key, char *s)
{
	struct strv *sv = strcmp(key, "authors") == 0 ? &pg->a->authors :
	    strcmp(key, "captions") == 0 ? &pg->a->captions :
	    &pg->a->key_points;

	strv_take(sv, s);
}

static void
add_tag(struct page *pg, const char *kind, char *s)
{
	article_add_tag(pg->a, kind, s, pg->path);
	free(s);
}

/* The string field of the article that key names, or NULL. */
static char **
string_field(struct article *a, const char *key)
{
	if (strcmp(key, "title") == 0)
		return &a->title;
	if (strcmp(key, "title_from") == 0)
		return &a->title_from;
	if (strcmp(key, "agency") == 0)
		return &a->agency;
	if (strcmp(key, "dateline") == 0)
		return &a->dateline;
	if (strcmp(key, "source") == 0)
		return &a->source;
	/* url is what pages written before source_url had. */
	if (strcmp(key, "source_url") == 0 || strcmp(key, "url") == 0)
		return &a->url;
	if (strcmp(key, "language") == 0)
		return &a->language;
	if (strcmp(key, "slug") == 0)
		return &a->slug;
	if (strcmp(key, "date") == 0)
		return &a->date;
	return NULL;
}

static void
set_date(struct page *pg, yaml_node_t *v)
{
	struct pos pos = { pg->path, pg->line0 + (unsigned)v->start_mark.line };
	char *s = scalar(v);
	size_t i;

	/* A YAML timestamp may carry a time: the date is its first part. */
	for (i = 0; s != NULL && i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			break;
	if (s == NULL || i < 10 || (s[10] != '\0' && s[10] != 'T' &&
	    s[10] != ' ' && s[10] != 't')) {
		if (v->type == YAML_SCALAR_NODE && v->data.scalar.length > 0)
			diag_warn(pg->d, &pos, "date is not YYYY-MM-DD");
		free(s);
		return;
	}
	if (!dates_valid_iso(s)) {
		diag_warn(pg->d, &pos, "date %.10s is not a day of the "
		    "calendar", s);
		free(s);
		return;
	}
	s[10] = '\0';
	free(pg->a->date);
	pg->a->date = s;
}

static void
take_pair(struct page *pg, const char *key, yaml_node_t *v)
{
	char **field;
	size_t i;

	if (strcmp(key, "date") == 0) {
		set_date(pg, v);
		return;
	}
	if ((field = string_field(pg->a, key)) != NULL) {
		free(*field);
		*field = scalar(v);
		return;
	}
	if (strcmp(key, "authors") == 0 || strcmp(key, "captions") == 0 ||
	    strcmp(key, "key_points") == 0) {
		each_string(pg, v, key, add_list);
		return;
	}
	for (i = 0; i < sizeof(tag_keys) / sizeof(tag_keys[0]); i++)
		if (strcmp(key, tag_keys[i].key) == 0)
			each_string(pg, v, tag_keys[i].kind, add_tag);
}

/* Loads the front matter fm[0..len) into the article. */
static int
read_front(struct page *pg, const char *fm, size_t len)
{
	struct pos pos = { pg->path, pg->line0 };
	yaml_parser_t parser;
	yaml_node_t *root, *k;
	yaml_node_pair_t *pr;
	char *key;
	int rc = -1;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)fm, len);
	if (!yaml_parser_load(&parser, &pg->doc)) {
		pos.line += (unsigned)parser.problem_mark.line;
		diag_warn(pg->d, &pos, "front matter: %s",
		    parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&pg->doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		diag_warn(pg->d, &pos, "front matter is not a YAML mapping");
		goto out;
	}
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(&pg->doc, pr->key);
		if ((key = scalar(k)) == NULL)
			continue;
		take_pair(pg, key, yaml_document_get_node(&pg->doc, pr->value));
		free(key);
	}
	rc = 0;
out:
	yaml_document_delete(&pg->doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* {==== the body ====} */

static int
is_punct(char c)
{
	return c != '\0' && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c);
}

static int
is_space_or_edge(const char *s, size_t i, size_t len)
{
	return i >= len || s[i] == ' ';
}

/*
 * Whether the run of '*' or '_' at [i, j) of s (len bytes) is emphasis
 * markup: it opens a word or closes one, as CommonMark's flanking rules
 * say, where punctuation on its outer side counts as a space would
 * ("**April**," and "(**new**)" are emphasis). A run inside a word
 * ("snake_case") or between spaces is text.
 */
static int
emphasis_run(const char *s, size_t i, size_t j, size_t len)
{
	int before_sp = i == 0 || s[i - 1] == ' ';
	int after_sp = is_space_or_edge(s, j, len);
	int before_p = i > 0 && is_punct(s[i - 1]);
	int after_p = j < len && is_punct(s[j]);
	int opens = !after_sp && (!after_p || before_sp || before_p);
	int closes = !before_sp && (!before_p || after_sp || after_p);

	return opens != closes;
}

/* The ")" that closes a link destination opened at s[open], counting
 * nested parentheses as CommonMark does ("(javascript:f(7))"); 0 if none. */
static size_t
dest_end(const char *s, size_t open, size_t len)
{
	size_t i, depth = 0;

	for (i = open; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i;
	}
	return 0;
}

/* Reduces inline Markdown to its text: backslash escapes, emphasis and
 * code markers, links and images ([text](url) gives text). */
static void
strip_inline(struct buf *out, const char *s, size_t len)
{
	size_t i, j, close;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && is_punct(s[i + 1])) {
			buf_putc(out, s[++i]);
			continue;
		}
		if (s[i] == '!' && i + 1 < len && s[i + 1] == '[')
			continue;
		if (s[i] == ']' && i + 1 < len && s[i + 1] == '(' &&
		    (close = dest_end(s, i + 1, len)) != 0) {
			i = close;
			continue;
		}
		if (s[i] == '[' || s[i] == '`')
			continue;
		if (s[i] == '*' || s[i] == '_') {
			for (j = i; j < len && s[j] == s[i]; j++)
				;
			if (emphasis_run(s, i, j, len)) {
				i = j - 1;
				continue;
			}
		}
		buf_putc(out, s[i]);
	}
}

/* The body being cut into blocks. */
struct blocks {
	struct article	*a;
	struct buf	 para;		/* the paragraph being gathered */
	unsigned	 para_line;
	int		 para_lines;
};

static void
add_body(struct article *a, enum block_kind kind, const char *s,
    size_t len, unsigned line)
{
	struct buf b = BUF_INIT;

	strip_inline(&b, s, len);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	if (b.len == 0) {
		buf_dispose(&b);
		return;
	}
	a->body = xgrow(a->body, a->nbody, sizeof(*a->body));
	a->body[a->nbody].kind = kind;
	a->body[a->nbody].line = line;
	a->body[a->nbody].text = xstrdup(b.data);
	a->nbody++;
	strv_take(kind == BLOCK_SUBHEAD ? &a->subheads : &a->paragraphs,
	    buf_detach(&b));
}

static void
flush(struct blocks *bl)
{
	add_body(bl->a, BLOCK_PARAGRAPH, bl->para.data, bl->para.len,
	    bl->para_line);
	buf_reset(&bl->para);
	bl->para_lines = 0;
}

/* The length of a list marker ("- ", "* ", "+ ", "• ", "1. ", "2) ")
 * opening s, or 0. */
static size_t
list_marker(const char *s, size_t len)
{
	size_t i = 0;

	if (len >= 2 && strchr("-*+", s[0]) && s[1] == ' ')
		return 2;
	if (len >= 4 && memcmp(s, "\xe2\x80\xa2 ", 4) == 0)
		return 4;
	while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') &&
	    s[i + 1] == ' ')
		return i + 2;
	return 0;
}

/* Whether s is a setext underline or thematic break: one of = - * _
 * repeated, perhaps with spaces. */
static int
is_rule(const char *s, size_t len, char *which)
{
	size_t i, n = 0;

	if (len == 0 || !strchr("=-*_", s[0]))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == s[0])
			n++;
		else if (s[i] != ' ')
			return 0;
	}
	*which = s[0];
	return n > 0;
}

static void
body_line(struct blocks *bl, const char *s, size_t len, unsigned line)
{
	size_t k;
	char rule;

	while (len > 0 && (*s == ' ' || *s == '>'))
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0 || (len >= 3 && (memcmp(s, "```", 3) == 0 ||
	    memcmp(s, "~~~", 3) == 0))) {
		flush(bl);
		return;
	}
	if (is_rule(s, len, &rule)) {
		if (bl->para_lines == 1 && (rule == '=' || rule == '-')) {
			add_body(bl->a, BLOCK_SUBHEAD, bl->para.data,
			    bl->para.len, bl->para_line);
			buf_reset(&bl->para);
			bl->para_lines = 0;
		} else
			flush(bl);
		return;
	}
	for (k = 0; k < len && k < 7 && s[k] == '#'; k++)
		;
	if (k >= 1 && k <= 6 && (k == len || s[k] == ' ')) {
		flush(bl);
		while (len > k && (s[len - 1] == '#' || s[len - 1] == ' '))
			len--;
		for (; k < len && s[k] == ' '; k++)
			;
		if (k < len)
			add_body(bl->a, BLOCK_SUBHEAD, s + k, len - k, line);
		return;
	}
	if ((k = list_marker(s, len)) > 0) {
		flush(bl);
		s += k;
		len -= k;
	}
	if (bl->para_lines++ == 0)
		bl->para_line = line;
	else
		buf_putc(&bl->para, ' ');
	buf_put(&bl->para, s, len);
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static void
read_body(struct article *a, const char *s, size_t len, unsigned line)
{
	struct blocks bl = { a, BUF_INIT, 0, 0 };
	struct buf title = BUF_INIT;
	const char *end = s + len, *nl;
	size_t i;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		body_line(&bl, s, nl ? (size_t)(nl - s) : (size_t)(end - s),
		    line++);
		s = nl ? nl + 1 : end;
	}
	flush(&bl);
	buf_dispose(&bl.para);
	/* A page that repeats its title as its first heading. */
	if (a->title != NULL)
		strip_inline(&title, a->title, strlen(a->title));
	if (a->nbody > 0 && a->body[0].kind == BLOCK_SUBHEAD &&
	    strcmp(a->body[0].text, title.data) == 0) {
		free(a->body[0].text);
		memmove(a->body, a->body + 1, --a->nbody * sizeof(*a->body));
		free(a->subheads.v[0]);
		memmove(a->subheads.v, a->subheads.v + 1,
		    --a->subheads.n * sizeof(*a->subheads.v));
	}
	buf_dispose(&title);
	for (i = 0; i < a->paragraphs.n; i++)
		a->word_count += count_words(a->paragraphs.v[i]);
}

/*
 * Whether the quote at fm[i] opens a quoted scalar: first on its line
 * or after the indicators that open it (at_start), right after "[", "{"
 * or ",", or after ":" and a blank. Inside a plain scalar ("it's",
 * "[a 'b", "a- 'b") it is only a letter, and brackets after it count.
 */
static int
opens_quote(const char *fm, size_t i, int at_start)
{
	size_t j = i;

	if (at_start)
		return 1;
	while (j > 0 && (fm[j - 1] == ' ' || fm[j - 1] == '\t'))
		j--;
	if (j == 0 || fm[j - 1] == '\n' || strchr("[{,", fm[j - 1]) != NULL)
		return 1;
	return j < i && fm[j - 1] == ':';
}

/* The end of the quoted scalar whose quote is fm[i]: the offset of its
 * closing quote, or len. '' in single quotes and \" in double quotes
 * are the quote itself. */
static size_t
skip_quoted(const char *fm, size_t i, size_t len)
{
	char q = fm[i];

	for (i++; i < len; i++) {
		if (q == '"' && fm[i] == '\\' && i + 1 < len)
			i++;
		else if (fm[i] == q && q == '\'' && i + 1 < len &&
		    fm[i + 1] == '\'')
			i++;
		else if (fm[i] == q)
			return i;
	}
	return len;
}

/*
 * Why the front matter fm[0..len) is refused before libyaml sees it, or
 * NULL. libyaml's scanner is quadratic in the nesting of flow
 * collections (each "[" or "{" keeps a possible key on its stack) and
 * slow on deep block nesting, so both are bounded: brackets are counted
 * wherever they are but in quoted scalars (a title may hold any number)
 * and comments, and so is the run of indentation and "-", "?", ":" that opens a line,
 * and the number of anchors.
 */
static const char *
front_shape(const char *fm, size_t len)
{
	size_t i, depth = 0, lead = 0, anchors = 0;
	int at_start = 1;

	for (i = 0; i < len; i++) {
		if ((fm[i] == '"' || fm[i] == '\'') &&
		    opens_quote(fm, i, at_start)) {
			i = skip_quoted(fm, i, len);
			at_start = 0;
			continue;
		}
		/* A comment, to the end of its line: no quote opens in it. */
		if (fm[i] == '#' && (i == 0 || strchr(" \t\n", fm[i - 1]))) {
			while (i + 1 < len && fm[i + 1] != '\n')
				i++;
			continue;
		}
		if (fm[i] == '[' || fm[i] == '{') {
			if (++depth > MD_FRONT_DEPTH)
				return "front matter nested too deeply (over "
				    "32 brackets)";
		} else if ((fm[i] == ']' || fm[i] == '}') && depth > 0)
			depth--;
		/* An anchor: "&name" after a space or an indicator. libyaml
		 * looks each alias up among all anchors, one by one. */
		if (fm[i] == '&' && i + 1 < len && fm[i + 1] != ' ' &&
		    (i == 0 || strchr(" \t\n[{,:-?", fm[i - 1]) != NULL) &&
		    ++anchors > MD_FRONT_ANCHORS)
			return "front matter has too many anchors (over 256)";
		if (fm[i] == '\n') {
			at_start = 1;
			lead = 0;
		} else if (at_start && strchr(" \t-?:", fm[i]) != NULL) {
			if (++lead > MD_FRONT_INDENT)
				return "front matter indented too deeply (over "
				    "128 bytes)";
		} else
			at_start = 0;
	}
	return NULL;
}

/* Finds the line "---" or "..." that closes the front matter opened at
 * text; returns its offset, or 0. Sets *lines to the lines before it. */
static size_t
front_end(const char *text, size_t len, unsigned *lines)
{
	const char *p = text, *end = text + len, *nl;
	size_t n;

	*lines = 0;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p = nl + 1;
		++*lines;
		for (n = 0; p + n < end && p[n] != '\n'; n++)
			;
		while (n > 3 && p[n - 1] == ' ')
			n--;
		if (n == 3 && (memcmp(p, "---", 3) == 0 ||
		    memcmp(p, "...", 3) == 0))
			return (size_t)(p - text);
	}
	return 0;
}

int
md_read_page(struct article *a, struct diag *d, const char *path,
    const char *text, size_t len)
{
	struct page pg;
	struct pos pos = { path, 1 };
	const char *why;
	size_t end, body;
	unsigned lines;
	char *s;

	memset(&pg, 0, sizeof(pg));
	pg.a = a;
	pg.d = d;
	pg.path = path;
	pg.line0 = 2;
	if (len < 3 || memcmp(text, "---", 3) != 0 ||
	    (len > 3 && text[3] != '\n' && text[3] != ' ')) {
		diag_warn(d, &pos, "no YAML front matter (a --- line first)");
		return -1;
	}
	if ((end = front_end(text, len, &lines)) == 0) {
		diag_warn(d, &pos, "front matter not closed by a --- line");
		return -1;
	}
	if (end > MD_FRONT_MAX) {
		diag_warn(d, &pos, "front matter too large: %zu > %u", end,
		    MD_FRONT_MAX);
		return -1;
	}
	body = strchr(text + 3, '\n') - text + 1;
	if ((why = front_shape(text + body, end - body)) != NULL) {
		diag_warn(d, &pos, "%s", why);
		return -1;
	}
	if (read_front(&pg, text + body, end - body) < 0)
		return -1;
	body = end + 3;
	while (body < len && text[body] != '\n')
		body++;
	if (body < len)
		read_body(a, text + body + 1, len - body - 1, lines + 2);
	/* A slug from the page is kept if it is one already. */
	s = slug_make(a->slug != NULL ? a->slug : a->title, 0);
	free(a->slug);
	a->slug = s;
	a->from_markdown = 1;
	return 0;
}
