# morgue: a plain Makefile, one file to read.
#
#   make            build ./morgue
#   make run        install what is missing, build, build the example site
#   make test       the same, then every test, also under ASan + UBSan
#   make bench      the benchmarks
#   make regen      rewrite tests/golden/out from the code (git diff shows
#                   what changed)
#   make fuzz       the libFuzzer targets (clang)
#   make asan       the test suite under ASan + UBSan only
#   make valgrind   the unit tests under valgrind

CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=
BUILD    ?= build
# Parallel jobs of the sub-makes of test and asan: every processor.
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

# Debian 12's pkg-config names; mk/deps.sh says which package gives each
# and installs what is missing.
PKGS     = libcmark libgit2 lua5.4 yaml-0.1 jansson libutf8proc icu-uc \
           icu-i18n libxxhash zlib libcrypto libmicrohttpd

WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wundef
CFLAGS   ?= -O2 -g
# What the code needs, kept when a user sets CFLAGS or CPPFLAGS.
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
override CPPFLAGS += $(STD)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS   += $(PKG_LIBS) -lm -lpthread

LIB_SRC  = $(filter-out plugin/cmd/main.c,$(wildcard plugin/*/*.c))
# The default templates, assets and rules, the skeleton of `morgue new`
# and the themes of `morgue export`, compiled in (core/builtin.h). The
# rules are those site.conf's rules default to (core/conf.c), not the
# example archive's own lua/vellmar.lua.
BUILTIN_SRC = $(sort $(wildcard templates/*.mustache templates/assets/*)) \
           lua/aliases.lua lua/tags.lua lua/links.lua \
           $(sort $(wildcard skel/*.conf skel/content/*.txt skel/lua/*.lua)) \
           $(sort $(wildcard export/hugo/layouts/*.html \
               export/hugo/layouts/_default/*.html \
               export/jekyll/_layouts/*.html export/jekyll/_includes/*.html))
LIB_OBJ  = $(LIB_SRC:plugin/%.c=$(BUILD)/obj/%.o) \
           $(BUILD)/obj/gen/builtin_data.o
UNIT_SRC = $(wildcard tests/unit/*/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC = $(wildcard tests/bench/*.c)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
# The ASan + UBSan build (build-asan) of `make test` and `make asan`.
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined

-include Makefile.local

.PHONY: all units run test check asan valgrind bench deps install uninstall \
	clean regen fuzz fuzz-build

all: morgue

morgue: $(BUILD)/morgue
	cp $(BUILD)/morgue morgue

$(BUILD)/morgue: $(BUILD)/obj/cmd/main.o $(BUILD)/libmorgue.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libmorgue.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: plugin/%.c | $(BUILD)/libs.ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) -Iplugin $(CFLAGS) $(WARN) -MMD -MP \
	    -c -o $@ $<

# Generated at build time from the files themselves, so that they stay
# one source; the rule is the generator's only caller.
$(BUILD)/gen/builtin_data.c: mk/embed.sh $(BUILTIN_SRC) Makefile
	@mkdir -p $(dir $@)
	sh mk/embed.sh $(BUILTIN_SRC) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/builtin_data.o: $(BUILD)/gen/builtin_data.c | $(BUILD)/libs.ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iplugin $(CFLAGS) -c -o $@ $<

# Every unit program links the harness and the fuzz corpus replayer.
HARNESS = tests/harness.c tests/replay.c

$(BUILD)/tests/%: tests/unit/%.c $(HARNESS) $(wildcard tests/*.h tests/unit/*/*.h) \
    $(BUILD)/libmorgue.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) -Iplugin -Itests $(CFLAGS) $(WARN) \
	    $(LDFLAGS) -o $@ $< $(HARNESS) $(BUILD)/libmorgue.a $(LDLIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libmorgue.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) -Iplugin $(CFLAGS) $(WARN) \
	    $(LDFLAGS) -o $@ $< $(BUILD)/libmorgue.a $(LDLIBS)

units: $(UNIT_BIN)

# Installs what the machine lacks, one need at a time (mk/deps.sh).
deps:
	@sh mk/deps.sh

# A missing library is named with its Debian package, not met as a
# compiler error about a header.
$(BUILD)/libs.ok: mk/deps.sh
	@sh mk/deps.sh --check
	@mkdir -p $(dir $@) && touch $@

run: deps
	$(MAKE) all
	./morgue build

test: deps
	$(MAKE) -j$(JOBS) all units
	$(MAKE) -j$(JOBS) BUILD=build-asan \
	    CFLAGS="$(ASAN_CFLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" build-asan/morgue units
	sh tests/run.sh --all

check: test

asan:
	$(MAKE) -j$(JOBS) BUILD=build-asan \
	    CFLAGS="$(ASAN_CFLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" build-asan/morgue units
	sh tests/run.sh build-asan

valgrind: all units
	VALGRIND=1 sh tests/run.sh build

bench: all $(BENCH_BIN)
	sh tests/bench/run.sh

# libFuzzer targets, clang only (how to run one by hand: the head of
# tests/fuzz/fuzz_article.c). The library is built once with coverage
# instrumentation, each target links it, and each runs FUZZ_SECONDS on
# its corpus, one at a time; what a run learns stays in build-fuzz/corpus.
# A crash leaves crash-* or timeout-* in build-fuzz/ and stops the loop.
FUZZ_TARGETS = article quadratic front conf tmpl rules
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  = -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer

fuzz: fuzz-build
	for t in $(FUZZ_TARGETS); do \
	    c=$$t o=; \
	    [ $$t = quadratic ] && c=article o="-max_len=64 -timeout=2"; \
	    mkdir -p build-fuzz/corpus/$$t && \
	    build-fuzz/fuzz_$$t -rss_limit_mb=2048 -timeout=10 $$o \
	        -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build-fuzz/ \
	        build-fuzz/corpus/$$t tests/fuzz/corpus/$$c || exit 1; \
	done

fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=clang \
	    CFLAGS="$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link" \
	    LDFLAGS="-fsanitize=address,undefined" build-fuzz/libmorgue.a
	for t in $(FUZZ_TARGETS); do \
	    src=$$t; def=; \
	    [ $$t = quadratic ] && src=article def=-DFUZZ_QUADRATIC; \
	    clang $(CPPFLAGS) $$def $(PKG_CFLAGS) -Iplugin $(FUZZ_CFLAGS) \
	        -fsanitize=fuzzer -o build-fuzz/fuzz_$$t \
	        tests/fuzz/fuzz_$$src.c build-fuzz/libmorgue.a $(LDLIBS) \
	        || exit 1; \
	done

# Rewrites the golden files from the code; review them with git diff.
regen: all
	MORGUE=$(CURDIR)/$(BUILD)/morgue sh tests/golden/test_golden.sh --regen

# The man pages of each section present in man/ go to MANDIR/manN.
install: all
	mkdir -p $(DESTDIR)$(BINDIR)
	install -m 0555 morgue $(DESTDIR)$(BINDIR)/morgue
	for s in 1 5 7; do \
	    set -- man/*.$$s; [ -f "$$1" ] || continue; \
	    mkdir -p $(DESTDIR)$(MANDIR)/man$$s && \
	    install -m 0444 "$$@" $(DESTDIR)$(MANDIR)/man$$s || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/morgue
	for f in man/*.[157]; do \
	    [ -f "$$f" ] || continue; \
	    rm -f $(DESTDIR)$(MANDIR)/man$${f##*.}/$${f##*/}; \
	done

clean:
	rm -rf build build-asan build-fuzz morgue

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/cmd/main.d
