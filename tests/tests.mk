# tests.mk — `make test` (run by `make check`): unit tests, golden samples,
# corpus accuracy floor, damaged input, the bulk pipeline and a batch out of
# memory, then the samples and damaged inputs again under ASan+UBSan and
# valgrind.  tests/run-all.sh adds up the counts.

UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: unit-bins asan tsan

$(B)/tests:
	mkdir -p $@

$(B)/tests/%: tests/unit/%.c tests/unit/*.h $(LIB) | $(B)/tests
	$(CC) $(CFLAGS) $< $(LIB) $(LDLIBS) $(shell pkg-config --libs cmocka) $(LDFLAGS) -o $@

$(B)/golden: tests/golden.c
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags jansson) $< $(shell pkg-config --libs jansson) -lm -o $@

$(B)/csvcheck: tests/csvcheck.c
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $< -o $@

# An allocator that fails on demand (LD_PRELOAD), for tests/run-memory.sh.
$(B)/failmalloc.so: tests/failmalloc.c
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC $< -o $@

unit-bins: $(UNIT_BIN)

# The same sources built with AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build/asan OPT="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" build/asan/gkreport

# ThreadSanitizer: the library shared by -j workers.
tsan:
	@$(MAKE) --no-print-directory B=build/tsan OPT="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" build/tsan/gkreport

test: all unit-bins $(B)/golden $(B)/csvcheck $(B)/failmalloc.so asan tsan
	@tests/run-all.sh $(B) $(UNIT_BIN)

corpus: all $(B)/golden
	@tests/run-corpus.sh $(B)/gkreport $(B)/golden
