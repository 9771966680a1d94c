# schemac: the two commands of the quick start are `make demo` and `make test`.
# Both install what is missing (Debian packages, via scripts/install-deps.sh) and build first.
BUILD_DIR ?= build
DEBUG_DIR ?= build-debug
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

.PHONY: all deps deps-servers configure build build-cli debug test demo bench fuzz format clean

all: build

deps:
	bash scripts/install-deps.sh

deps-servers:
	bash scripts/install-deps.sh --with-servers

configure: deps
	cmake -S . -B $(BUILD_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD_DIR)

# Only the command-line tool: what `make demo` runs (the test suites are most of a full build).
build-cli: configure
	cmake --build $(BUILD_DIR) --target schemac

# Debug build with AddressSanitizer + UndefinedBehaviorSanitizer.
debug: deps
	cmake -S . -B $(DEBUG_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DSCHEMAC_SANITIZE=ON
	cmake --build $(DEBUG_DIR)

# Starts throwaway PostgreSQL and MariaDB servers on 127.0.0.1, runs every suite, stops them.
test: deps-servers build
	bash scripts/check-format.sh
	bash scripts/run-tests.sh $(BUILD_DIR)

demo: build-cli
	bash scripts/demo.sh $(BUILD_DIR)

bench: deps-servers
	cmake -S . -B $(BUILD_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DSCHEMAC_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR)
	bash bench/run.sh $(BUILD_DIR)

# Coverage-guided fuzzing of parse + bind + print (AFL++, ASan + UBSan); see tests/fuzz/README.md.
FUZZ_SECONDS ?= 1800
fuzz:
	bash scripts/install-fuzz-deps.sh
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)

# Rewrites every tracked C++ file in the checked-in .clang-format layout.
format:
	git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(DEBUG_DIR)
