# gkreport — plain Makefile; dependencies found with pkg-config.
CC      ?= cc
PKGS     = libxml-2.0 libzip libpcre2-8 jansson
OPT     ?= -O2 -g
CFLAGS  += $(OPT) -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Iparser
CFLAGS  += $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lpthread

B        = build
# PDF=no builds without MuPDF (AGPL): PDF input is then refused with a message.
PDF     ?= yes
ifeq ($(PDF),no)
LIB_SRC  = $(filter-out parser/pdf.c parser/pdf_context.c parser/pdf_device.c,$(wildcard parser/*.c))
else
LIB_SRC  = $(filter-out parser/pdf_none.c,$(wildcard parser/*.c))
CFLAGS  += -DGK_WITH_PDF $(shell pkg-config --cflags mupdf)
LDLIBS  += $(shell pkg-config --static --libs mupdf harfbuzz)
endif
LIB_OBJ  = $(LIB_SRC:parser/%.c=$(B)/obj/%.o) $(B)/obj/schema_blob.o
LIB      = $(B)/libgkreport.a

.PHONY: all run check test unit golden corpus bench fuzz fuzz-deps install clean deps

all: $(B)/gkreport

$(B)/obj/%.o: parser/%.c parser/*.h | $(B)/obj
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/schema_blob.o: parser/schema_blob.S schemas/gkreport.xsd | $(B)/obj
	$(CC) -c -DSCHEMA_PATH='"schemas/gkreport.xsd"' $< -o $@

# A stamp per PDF setting, so that switching PDF=no/yes rebuilds the library.
$(B)/obj/.pdf-$(PDF): | $(B)/obj
	rm -f $(B)/obj/.pdf-* && touch $@

$(LIB): $(LIB_OBJ) $(B)/obj/.pdf-$(PDF)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

CLI_SRC  = tools/gkreport.c tools/inputs.c tools/batch.c tools/progress.c

$(B)/gkreport: $(CLI_SRC) tools/cli.h $(LIB)
	$(CC) $(CFLAGS) $(CLI_SRC) $(LIB) $(LDLIBS) $(LDFLAGS) -o $@

$(B)/obj:
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
	$(CC) $(CFLAGS) -U_POSIX_C_SOURCE $< -o $@

$(B)/parse_floor: tools/bench/parse_floor.c tools/bench/slurp.h
	$(CC) $(CFLAGS) $< $(LDLIBS) -o $@

$(B)/write_floor: tools/bench/write_floor.c tools/bench/slurp.h
	$(CC) $(CFLAGS) $< -o $@

$(B)/pdf_floor: tools/bench/pdf_floor.c tools/bench/slurp.h
	$(CC) $(CFLAGS) $< $(LDLIBS) -o $@

# Each writer's size and time per report (the HTML page beside JSON and XML).
$(B)/writers: tools/bench/writers.c $(LIB)
	$(CC) $(CFLAGS) $< $(LIB) $(LDLIBS) -o $@

# Speed and memory, side by side with pandoc and the parse floor (and, for
# PDF, MuPDF's own extraction).
bench: deps all $(B)/measure $(B)/parse_floor $(B)/write_floor $(if $(filter no,$(PDF)),,$(B)/pdf_floor)
	@command -v pandoc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc bc >/dev/null
	@tools/bench/run.sh $(B)

include tests/tests.mk
include tests/fuzz/fuzz.mk

# clang with libFuzzer is needed only by `make fuzz`, so only it installs it.
fuzz-bins: fuzz-deps
fuzz-deps:
	@command -v clang >/dev/null && dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null

check: deps all
	@$(MAKE) --no-print-directory test

install: all
	install -D -m 755 $(B)/gkreport $(DESTDIR)$(or $(PREFIX),/usr/local)/bin/gkreport

clean:
	rm -rf $(B)
