# gkreport — plain Makefile; dependencies found with pkg-config.
#
# Packagers: CFLAGS, CPPFLAGS and LDFLAGS given on the command line or in the
# environment are added to the project's own flags (GK_CFLAGS), never replace
# them; -Werror is only in the project's check builds (make check sets
# WERROR=-Werror).  `make install` honours PREFIX, DESTDIR, BINDIR, LIBDIR,
# INCLUDEDIR, DATADIR, MANDIR and PKGCONFIGDIR; `make uninstall` removes
# exactly what it installed.
CC      ?= cc
PKGS     = libxml-2.0 libzip libpcre2-8 jansson
CFLAGS  ?= -O2 -g
# OPT: the flags of a variant build (tests.mk's sanitizers), after CFLAGS.
OPT     ?=
# The check builds (make check / make test) turn warnings into errors.
ifneq ($(filter check test,$(MAKECMDGOALS)),)
WERROR  ?= -Werror
endif
WERROR  ?=
export WERROR
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
GK_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra $(WERROR) -Iparser $(PKG_CFLAGS)
GK_LIBS  := $(shell pkg-config --libs $(PKGS)) -lpthread

# Version of the library: GK_VERSION in parser/gkreport.h; the soname
# carries the major number (0: the API may still change between minors).
VERSION    = $(shell sed -n 's/^\#define GK_VERSION "\(.*\)"/\1/p' parser/gkreport.h)
SOVERSION  = 0

PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
DATADIR      ?= $(PREFIX)/share
MANDIR       ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

B        = build
# PDF=no builds without MuPDF (AGPL): PDF input is then refused with a message.
PDF     ?= yes
ifeq ($(PDF),no)
LIB_SRC  = $(filter-out parser/pdf.c parser/pdf_context.c parser/pdf_device.c,$(wildcard parser/*.c))
PDF_LIBS =
else
LIB_SRC  = $(filter-out parser/pdf_none.c,$(wildcard parser/*.c))
GK_CFLAGS += -DGK_WITH_PDF $(shell pkg-config --cflags mupdf)
PDF_LIBS := $(shell pkg-config --static --libs mupdf harfbuzz)
GK_LIBS += $(PDF_LIBS)
endif
ALL_CFLAGS = $(GK_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(OPT)
# LDLIBS kept for command lines that add libraries
LDLIBS_ALL = $(GK_LIBS) $(LDLIBS)
# Only the names in gkreport.h (GK_EXPORT) leave the shared library.
LIB_CFLAGS = -fvisibility=hidden
LIB_OBJ  = $(LIB_SRC:parser/%.c=$(B)/obj/%.o) $(B)/obj/schema_blob.o
PIC_OBJ  = $(LIB_SRC:parser/%.c=$(B)/pic/%.o) $(B)/obj/schema_blob.o
LIB      = $(B)/libgkreport.a
SHLIB    = $(B)/libgkreport.so.$(VERSION)

.PHONY: all run check test unit golden corpus bench fuzz fuzz-deps install uninstall clean deps FORCE

all: $(B)/gkreport $(B)/gkaudit $(LIB) $(SHLIB) $(B)/gkreport.pc $(B)/gkreport.3

# The compile flags and the PDF setting as written last: a change of either
# (make CFLAGS=…, PDF=no, the -Werror of a check build) rebuilds the library.
$(B)/obj/.flags: FORCE | $(B)/obj
	@echo 'PDF=$(PDF) $(ALL_CFLAGS)' | cmp -s - $@ || echo 'PDF=$(PDF) $(ALL_CFLAGS)' >$@

$(B)/obj/%.o: parser/%.c parser/*.h $(B)/obj/.flags | $(B)/obj
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@

# The shared library's objects: position-independent.
$(B)/pic/%.o: parser/%.c parser/*.h $(B)/obj/.flags | $(B)/pic
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -fPIC -c $< -o $@

$(B)/obj/schema_blob.o: parser/schema_blob.S schemas/gkreport.xsd | $(B)/obj
	$(CC) -c -DSCHEMA_PATH='"schemas/gkreport.xsd"' $< -o $@

$(LIB): $(LIB_OBJ) $(B)/obj/.flags
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

# MuPDF's static archives go inside (their names hidden, --exclude-libs);
# the soname carries the major version.
$(SHLIB): $(PIC_OBJ) $(B)/obj/.flags
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libgkreport.so.$(SOVERSION) -Wl,--no-undefined \
	  -Wl,--exclude-libs,ALL $(PIC_OBJ) $(LDLIBS_ALL) $(LDFLAGS) -o $@
	ln -sf libgkreport.so.$(VERSION) $(B)/libgkreport.so.$(SOVERSION)
	ln -sf libgkreport.so.$(SOVERSION) $(B)/libgkreport.so

# The installation directories as written last: gkreport.pc names them.
$(B)/obj/.dirs: FORCE | $(B)/obj
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR)' >$@

# pkg-config file: the libraries a static link needs are private.
$(B)/gkreport.pc: gkreport.pc.in parser/gkreport.h $(B)/obj/.flags $(B)/obj/.dirs
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES_PRIVATE@|$(PKGS)|' \
	  -e 's|@LIBS_PRIVATE@|$(strip $(PDF_LIBS) -lpthread)|' $< >$@

# The library's man page: docs/gkreport.3.in with its EXAMPLES section
# filled from docs/examples/*.c, the files the tests compile and run.
$(B)/gkreport.3: docs/gkreport.3.in docs/examples/*.c tools/man-examples.sh | $(B)/obj
	tools/man-examples.sh $< docs/examples >$@

CLI_SRC  = tools/gkreport.c tools/inputs.c tools/batch.c tools/progress.c tools/version.c
CLI_SRC += tools/walk.c tools/output.c tools/finished.c tools/failures.c tools/clash.c

$(B)/gkreport: $(CLI_SRC) tools/cli.h $(LIB)
	$(CC) $(ALL_CFLAGS) $(CLI_SRC) $(LIB) $(LDLIBS_ALL) $(SAN_LDFLAGS) $(LDFLAGS) -o $@

# gkaudit, the reduce step: findings across converted reports (docs/audit.md).
AUDIT_SRC = $(wildcard tools/audit/*.c)

$(B)/gkaudit: $(AUDIT_SRC) tools/audit/*.h $(LIB)
	$(CC) $(ALL_CFLAGS) $(AUDIT_SRC) $(LIB) $(LDLIBS_ALL) $(SAN_LDFLAGS) $(LDFLAGS) -lm -o $@

$(B)/obj $(B)/pic:
	mkdir -p $@

deps:
	@tools/install-deps

# Converts every sample to JSON and XML under build/samples/.
run: deps all
	@mkdir -p $(B)/samples
	@for f in samples/*; do \
	  case $$f in *.expected.json|*/README.md) continue;; *.pdf) [ "$(PDF)" != no ] || continue;; esac; \
	  build/gkreport -o $(B)/samples/ "$$f" && \
	  build/gkreport --format xml -o $(B)/samples/ "$$f" && \
	  echo "converted $$f -> $(B)/samples/$${f##*/}.json, .xml" || exit 1; \
	done

$(B)/measure: tools/bench/measure.c
	$(CC) $(ALL_CFLAGS) -U_POSIX_C_SOURCE $< $(LDFLAGS) -o $@

$(B)/parse_floor: tools/bench/parse_floor.c tools/bench/slurp.h
	$(CC) $(ALL_CFLAGS) $< $(LDLIBS_ALL) $(LDFLAGS) -o $@

$(B)/write_floor: tools/bench/write_floor.c tools/bench/slurp.h
	$(CC) $(ALL_CFLAGS) $< $(LDFLAGS) -o $@

$(B)/json_floor: tools/bench/json_floor.c
	$(CC) $(ALL_CFLAGS) $< $(LDLIBS_ALL) -o $@

$(B)/pdf_floor: tools/bench/pdf_floor.c tools/bench/slurp.h
	$(CC) $(ALL_CFLAGS) $< $(LDLIBS_ALL) $(LDFLAGS) -o $@

# Each writer's size and time per report (the HTML page beside JSON and XML).
$(B)/writers: tools/bench/writers.c $(LIB)
	$(CC) $(CFLAGS) $< $(LIB) $(LDLIBS) -o $@

# Speed and memory, side by side with pandoc and the parse floor (and, for
# PDF, MuPDF's own extraction).
bench: deps all $(B)/measure $(B)/parse_floor $(B)/write_floor $(B)/json_floor $(if $(filter no,$(PDF)),,$(B)/pdf_floor)
	@command -v pandoc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc bc >/dev/null
	@tools/bench/run.sh $(B)

# docs/codebook.md is `gkreport --codebook`'s output (tests/run-analyst.sh
# compares them): regenerate it after changing a field, column, code or rule.
.PHONY: codebook
codebook: all
	$(B)/gkreport --codebook >docs/codebook.md

include tests/tests.mk
include tests/fuzz/fuzz.mk

# clang with libFuzzer is needed only by `make fuzz`, so only it installs it.
fuzz-bins: fuzz-deps
fuzz-deps:
	@command -v clang >/dev/null && dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null

check: deps all
	@$(MAKE) --no-print-directory test

# Every file installed, for install and uninstall alike.
INSTALLED = $(BINDIR)/gkreport $(BINDIR)/gkaudit $(LIBDIR)/libgkreport.a $(LIBDIR)/libgkreport.so.$(VERSION) \
            $(LIBDIR)/libgkreport.so.$(SOVERSION) $(LIBDIR)/libgkreport.so $(INCLUDEDIR)/gkreport.h \
            $(PKGCONFIGDIR)/gkreport.pc $(DATADIR)/gkreport/gkreport.xsd \
            $(MANDIR)/man1/gkreport.1 $(MANDIR)/man1/gkaudit.1 $(MANDIR)/man3/gkreport.3

install: all
	install -D -m 755 $(B)/gkreport $(DESTDIR)$(BINDIR)/gkreport
	install -D -m 755 $(B)/gkaudit $(DESTDIR)$(BINDIR)/gkaudit
	install -D -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libgkreport.a
	install -D -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libgkreport.so.$(VERSION)
	ln -sf libgkreport.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgkreport.so.$(SOVERSION)
	ln -sf libgkreport.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libgkreport.so
	install -D -m 644 parser/gkreport.h $(DESTDIR)$(INCLUDEDIR)/gkreport.h
	install -D -m 644 $(B)/gkreport.pc $(DESTDIR)$(PKGCONFIGDIR)/gkreport.pc
	install -D -m 644 schemas/gkreport.xsd $(DESTDIR)$(DATADIR)/gkreport/gkreport.xsd
	install -D -m 644 docs/gkreport.1 $(DESTDIR)$(MANDIR)/man1/gkreport.1
	install -D -m 644 docs/gkaudit.1 $(DESTDIR)$(MANDIR)/man1/gkaudit.1
	install -D -m 644 $(B)/gkreport.3 $(DESTDIR)$(MANDIR)/man3/gkreport.3

# Removes the files install wrote, and the gkreport data directory once empty.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rmdir $(DESTDIR)$(DATADIR)/gkreport 2>/dev/null || true

clean:
	rm -rf $(B)
