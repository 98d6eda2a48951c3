# tests.mk — `make test` (run by `make check`): unit tests, golden samples,
# corpus accuracy floor, damaged input, allocation failures, the bulk
# pipeline, the installed library (tests/run-install.sh), the analysts'
# tables (tests/run-analyst.sh) and a batch out of memory, then the
# samples, damaged inputs and allocation failures again under ASan+UBSan
# and valgrind.
# tests/run-all.sh adds up the counts.

UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: unit-bins asan tsan alloc-sweep

$(B)/tests:
	mkdir -p $@

$(B)/tests/%: tests/unit/%.c tests/unit/*.h $(LIB) | $(B)/tests
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS_ALL) $(shell pkg-config --libs cmocka) $(TEST_LDFLAGS) $(LDFLAGS) -o $@

$(B)/golden: tests/golden.c
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags jansson) $< $(shell pkg-config --libs jansson) -lm -o $@

$(B)/jsonlcheck: tests/jsonlcheck.c
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags jansson) $< $(shell pkg-config --libs jansson) -o $@

$(B)/csvcheck: tests/csvcheck.c
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $< -o $@

# One PDF read with its unruled tables placed by columns or through the
# run-together solver, for tests/measure-unruled.sh.
$(B)/unruled_json: tests/measure/unruled_json.c $(LIB)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LDLIBS_ALL) $(LDFLAGS) -o $@

# An allocator that fails on demand (LD_PRELOAD), for tests/run-memory.sh.
$(B)/failmalloc.so: tests/failmalloc.c
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC $< -o $@

# The command line's own pieces that need no conversion (names, the
# failure list, the clash table), with the sources they come from.
CLI_UNIT_SRC = tools/inputs.c tools/walk.c tools/failures.c tools/clash.c
$(B)/tests/test_cli_paths: tests/unit/test_cli_paths.c $(CLI_UNIT_SRC) tools/cli.h $(LIB) | $(B)/tests
	$(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -Itools $< $(CLI_UNIT_SRC) $(LIB) $(LDLIBS_ALL) $(shell pkg-config --libs cmocka) $(TEST_LDFLAGS) $(LDFLAGS) -o $@

unit-bins: $(UNIT_BIN)

# Allocation failures: the library's own malloc/calloc/realloc calls go
# through the test's wrappers, which fail the ones it asks for.
WRAP_ALLOC = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
$(B)/tests/test_nomem: TEST_LDFLAGS = $(WRAP_ALLOC)

# The sweep also follows free() (to tell leaks by run) and spares
# libxml2's schema validator (see alloc_fail.c).
$(B)/alloc_fail: tests/alloc/alloc_fail.c parser/gkreport.h $(LIB)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(WRAP_ALLOC),--wrap=free,--wrap=xmlSchemaValidateDoc $(LDLIBS_ALL) $(SAN_LDFLAGS) $(LDFLAGS) -o $@

# The same sources built with AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build/asan OPT="$(SAN_FLAGS)" SAN_LDFLAGS="-fsanitize=address,undefined" \
	  build/asan/gkreport build/asan/alloc_fail build/asan/gkaudit

# ThreadSanitizer: the library shared by -j workers.
tsan:
	@$(MAKE) --no-print-directory B=build/tsan OPT="-O1 -g -fsanitize=thread" SAN_LDFLAGS="-fsanitize=thread" build/tsan/gkreport

test: all unit-bins $(B)/golden $(B)/csvcheck $(B)/jsonlcheck $(B)/measure $(B)/unruled_json $(B)/alloc_fail $(B)/failmalloc.so asan tsan
	@tests/run-all.sh $(B) $(UNIT_BIN)

# Every allocation of one sample of each input form failed in turn (about
# 90,000 runs, five minutes); `make check` runs a sample of it, also under
# ASan and valgrind.  ALLOC_STRICT=1 counts tests/alloc/known.tsv as failures.
alloc-sweep: $(B)/alloc_fail
	@tests/run-alloc.sh 1 0 $(B)/alloc_fail

corpus: all $(B)/golden
	@tests/run-corpus.sh $(B)/gkreport $(B)/golden
