# fuzz.mk — libFuzzer targets, one per reader (included by the Makefile).
#
#   make fuzz                     build, seed, run each target FUZZ_SECONDS
#                                 (fails if any target crashes, hangs or leaks)
#   make fuzz FUZZ_SECONDS=600    longer runs
#   make fuzz FUZZ_TARGETS=docx   one target
#   make fuzz FUZZ_ARGS="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
#                                 keep fuzzing past known bugs; every crash
#                                 still lands in build/fuzz/artifacts/ and
#                                 still fails the run
#   make fuzz-regress             replay tests/fuzz/regressions/ (no fuzzing)
#   make fuzz-bins                just build build/fuzz/fuzz_{docx,html,text,pdf}
#   make fuzz-coverage            line coverage of parser/*.c reached by the
#                                 corpora (llvm-cov report; HTML in
#                                 build/fuzz/cov/html/)
#
# The library is compiled again with clang, coverage instrumentation and
# ASan+UBSan into build/fuzz/obj/; libxml2, libzip, PCRE2 and jansson are
# the system's (not instrumented).  Crashes land in build/fuzz/artifacts/;
# keep small reproducers as tests/fuzz/regressions/fuzz_<kind>-<short-name>.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= docx html text pdf
FUZZ_ARGS    ?=
FUZZ_B        = build/fuzz
FUZZ_DIR      = tests/fuzz
FUZZ_PKGS     = libxml-2.0 libzip libpcre2-8 jansson
FUZZ_SAN      = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
# No -Werror: the warning set is gcc's business (`make`); clang's differs.
FUZZ_CFLAGS   = $(FUZZ_SAN) -fsanitize=fuzzer-no-link -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
                -Iparser $(shell pkg-config --cflags $(FUZZ_PKGS))
FUZZ_LDLIBS   = $(shell pkg-config --libs $(FUZZ_PKGS)) $(shell pkg-config --static --libs mupdf harfbuzz) -lpthread
# The PDF reader is fuzzed with MuPDF as Debian builds it (not instrumented).
FUZZ_CFLAGS  += $(shell pkg-config --cflags mupdf)
# Oracles in fuzz_common.h between the library and PCRE2 / jansson.
FUZZ_WRAP     = -Wl,--wrap=pcre2_match_8 -Wl,--wrap=json_object_set_new_nocheck -Wl,--wrap=json_array_append_new
FUZZ_LIB_SRC  = $(filter-out parser/pdf_none.c,$(wildcard parser/*.c))
FUZZ_LIB_OBJ  = $(patsubst parser/%.c,$(FUZZ_B)/obj/%.o,$(FUZZ_LIB_SRC)) $(FUZZ_B)/obj/schema_blob.o
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)
FUZZ_RUN_OPTS = -rss_limit_mb=2048 -timeout=10 -print_final_stats=1

.PHONY: fuzz fuzz-bins fuzz-corpus fuzz-regress fuzz-coverage
# Reached only through the fuzz_% pattern rule: keep them between builds.
.SECONDARY: $(FUZZ_LIB_OBJ)

$(FUZZ_B)/obj:
	mkdir -p $@

$(FUZZ_B)/obj/%.o: parser/%.c parser/*.h | $(FUZZ_B)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/obj/schema_blob.o: parser/schema_blob.S schemas/gkreport.xsd | $(FUZZ_B)/obj
	$(FUZZ_CC) -c -DSCHEMA_PATH='"schemas/gkreport.xsd"' $< -o $@

$(FUZZ_B)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_common.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_WRAP) $< $(FUZZ_LIB_OBJ) $(FUZZ_LDLIBS) -o $@

# libFuzzer dictionaries: the reader's markup plus the template vocabulary.
$(FUZZ_B)/%.dict: $(FUZZ_DIR)/%.dict $(FUZZ_DIR)/labels.dict | $(FUZZ_B)/obj
	cat $^ >$@

fuzz-bins: $(FUZZ_BINS) $(FUZZ_TARGETS:%=$(FUZZ_B)/%.dict)

# Seeds: the samples of each kind (for DOCX also their word/document.xml,
# which fuzz_docx wraps in a ZIP itself), tests/fuzz/seeds/<kind>/ (e.g. a
# 24 KB document.xml with the sample's content and none of its styling).
# Not the regressions: until fixed they would stop every run at start-up
# (`make fuzz-regress` replays them).
# Existing corpus files, including what earlier runs found, are kept.
fuzz-corpus:
	@mkdir -p $(FUZZ_TARGETS:%=$(FUZZ_B)/corpus_%)
	@for t in $(FUZZ_TARGETS); do \
	  case $$t in docx) ext=docx;; html) ext=html;; text) ext=txt;; pdf) ext=pdf;; *) ext=$$t;; esac; \
	  for f in samples/*.$$ext $(FUZZ_DIR)/seeds/$$t/*; do \
	    [ -f "$$f" ] && cp "$$f" $(FUZZ_B)/corpus_$$t/seed-$${f##*/}; \
	  done; \
	done; \
	if [ -d $(FUZZ_B)/corpus_docx ] && command -v unzip >/dev/null; then \
	  for f in samples/*.docx; do \
	    [ -f "$$f" ] && unzip -p "$$f" word/document.xml >$(FUZZ_B)/corpus_docx/seed-$${f##*/}.document.xml; \
	  done; \
	fi; true

# A target fails when libFuzzer exits non-zero or leaves a new artifact
# (crash-, leak-, timeout-, oom-): in fork mode with -ignore_crashes=1 it
# keeps going and exits 0, so the artifacts are what count.
fuzz: fuzz-bins fuzz-corpus
	@mkdir -p $(FUZZ_B)/artifacts; fail=; \
	for t in $(FUZZ_TARGETS); do \
	  log=$(FUZZ_B)/fuzz_$$t.log; \
	  before=$$(ls $(FUZZ_B)/artifacts/ | grep -c "^fuzz_$$t-"); \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s, corpus $(FUZZ_B)/corpus_$$t, log $$log"; \
	  $(FUZZ_B)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_OPTS) \
	    -dict=$(FUZZ_B)/$$t.dict -artifact_prefix=$(FUZZ_B)/artifacts/fuzz_$$t- $(FUZZ_ARGS) \
	    $(FUZZ_B)/corpus_$$t >$$log 2>&1; rc=$$?; \
	  after=$$(ls $(FUZZ_B)/artifacts/ | grep -c "^fuzz_$$t-"); \
	  grep -E '^#[0-9]+[[:space:]]+DONE|^#[0-9]+: cov' $$log | tail -n 1; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' $$log; \
	  if [ $$rc -ne 0 ] || [ $$after -gt $$before ]; then \
	    echo "FAIL fuzz_$$t (exit $$rc, $$((after - before)) new artifacts in $(FUZZ_B)/artifacts/):"; \
	    grep -E '^SUMMARY|gkreport fuzz oracle|runtime error|Test unit written' $$log | sort | uniq -c | head -n 20; \
	    fail="$$fail fuzz_$$t"; \
	  fi; \
	done; \
	if [ -n "$$fail" ]; then echo "fuzz: failed:$$fail"; exit 1; fi

# Replays every saved reproducer once (each must now run clean).
fuzz-regress: fuzz-bins
	@fail=; \
	for t in $(FUZZ_TARGETS); do \
	  for f in $(FUZZ_DIR)/regressions/fuzz_$$t-*; do \
	    [ -f "$$f" ] || continue; \
	    if $(FUZZ_B)/fuzz_$$t $(FUZZ_RUN_OPTS) "$$f" >$(FUZZ_B)/regress.log 2>&1; then \
	      echo "ok   $$f"; \
	    else \
	      echo "FAIL $$f"; grep -E '^SUMMARY|gkreport fuzz oracle|runtime error' $(FUZZ_B)/regress.log | head -n 3; \
	      fail="$$fail $$f"; \
	    fi; \
	  done; \
	done; \
	if [ -n "$$fail" ]; then exit 1; fi

# Source-based coverage: the same targets built without sanitizers and with
# clang's profile instrumentation, replaying each corpus once.  Oracles only
# print here (GK_FUZZ_REPORT_ONLY) so a known bug does not stop the replay.
FUZZ_COV_B      = $(FUZZ_B)/cov
FUZZ_COV_FLAGS  = -g -O1 -fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_CFLAGS = $(FUZZ_COV_FLAGS) -std=c11 -D_POSIX_C_SOURCE=200809L -DGK_FUZZ_REPORT_ONLY -Iparser \
                  $(shell pkg-config --cflags $(FUZZ_PKGS) mupdf)
FUZZ_COV_OBJ    = $(patsubst parser/%.c,$(FUZZ_COV_B)/obj/%.o,$(FUZZ_LIB_SRC)) $(FUZZ_B)/obj/schema_blob.o
FUZZ_LLVM_PROFDATA ?= llvm-profdata
FUZZ_LLVM_COV      ?= llvm-cov
.SECONDARY: $(FUZZ_COV_OBJ)

$(FUZZ_COV_B)/obj:
	mkdir -p $@

$(FUZZ_COV_B)/obj/%.o: parser/%.c parser/*.h | $(FUZZ_COV_B)/obj
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -c $< -o $@

$(FUZZ_COV_B)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_common.h $(FUZZ_COV_OBJ)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -fsanitize=fuzzer $(FUZZ_WRAP) $< $(FUZZ_COV_OBJ) $(FUZZ_LDLIBS) -o $@

fuzz-coverage: $(FUZZ_TARGETS:%=$(FUZZ_COV_B)/fuzz_%) fuzz-corpus
	@rm -f $(FUZZ_COV_B)/*.profraw
	@for t in $(FUZZ_TARGETS); do \
	  LLVM_PROFILE_FILE=$(FUZZ_COV_B)/$$t.profraw $(FUZZ_COV_B)/fuzz_$$t -runs=0 -timeout=10 \
	    $(FUZZ_B)/corpus_$$t >$(FUZZ_COV_B)/$$t.log 2>&1 || echo "fuzz_$$t replay failed: $(FUZZ_COV_B)/$$t.log"; \
	done
	@$(FUZZ_LLVM_PROFDATA) merge -sparse $(FUZZ_COV_B)/*.profraw -o $(FUZZ_COV_B)/all.profdata
	@$(FUZZ_LLVM_COV) report $(FUZZ_COV_B)/fuzz_$(firstword $(FUZZ_TARGETS)) \
	  $(patsubst %,-object $(FUZZ_COV_B)/fuzz_%,$(wordlist 2,9,$(FUZZ_TARGETS))) \
	  -instr-profile=$(FUZZ_COV_B)/all.profdata $(wildcard parser/*.c)
	@$(FUZZ_LLVM_COV) show -format=html -output-dir=$(FUZZ_COV_B)/html $(FUZZ_COV_B)/fuzz_$(firstword $(FUZZ_TARGETS)) \
	  $(patsubst %,-object $(FUZZ_COV_B)/fuzz_%,$(wordlist 2,9,$(FUZZ_TARGETS))) \
	  -instr-profile=$(FUZZ_COV_B)/all.profdata $(wildcard parser/*.c)
