# mltutor — build, run, test and benchmark.
#
#   make           build in release mode, then link mltutor with the Swift runtime inside
#                  (.build/release/mltutor-static: it runs on machines without Swift)
#   make install   install that binary, the course, the manual page and the shell completions
#                  under PREFIX (default /usr/local; DESTDIR stages; BIN=PATH installs another
#                  binary); builds nothing when the binary is there
#   make uninstall remove what `make install` installed under PREFIX, and the folders it made
#   make deb       build a Debian package (.build/deb/) with the same layout under /usr
#   make run       build in release mode and start mltutor (ARGS="..." passes arguments)
#   make test      build and run every test, then fuzz each input reader for a few seconds
#   make fuzz      fuzz each input reader for 1,000,000 runs (Fuzz/README.md)
#   make sanitize  the tests under the address sanitizer, the concurrency tests under the
#                  thread sanitizer
#   make bench     build in release mode and run the benchmarks
#   make soak      build in release mode and check that memory stays flat over 30 minutes of
#                  training (SOAK_ARGS="--tutor-minutes 3" for a shorter run)
#
# Each target first installs the Debian packages the build needs when they are missing
# (as root, or through sudo); otherwise it prints the exact command to run.

SWIFT ?= swift
BUILD_PACKAGES := libedit-dev libncurses-dev zlib1g-dev
TEST_PACKAGES := dataset-fashion-mnist tmux time
RELEASE_BIN := .build/release/mltutor
STATIC_BIN := .build/release/mltutor-static
PREFIX ?= /usr/local
DESTDIR ?=
BIN ?= $(STATIC_BIN)
DEB_DIR ?= .build/deb

.PHONY: all build run test fuzz sanitize bench soak deps test-deps clean install uninstall deb

all: build
	@$(MAKE) --no-print-directory $(STATIC_BIN)

# The objects of the last release build, linked again with the Swift runtime inside: the
# toolchain's runtime, which `swift build` links by its path, is on no other machine.
$(STATIC_BIN): $(RELEASE_BIN)
	python3 scripts/link-static.py .build/release.yaml $@

$(RELEASE_BIN):
	$(MAKE) --no-print-directory build

install: $(BIN)
	scripts/install.sh $(BIN) $(DESTDIR)$(PREFIX)

uninstall:
	scripts/uninstall.sh $(DESTDIR)$(PREFIX)

deb: $(BIN)
	@scripts/make-deb.sh $(BIN) $(DEB_DIR)

deps:
	@scripts/install-packages.sh $(BUILD_PACKAGES)

test-deps: deps
	@scripts/install-packages.sh $(TEST_PACKAGES)
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy

build: deps
	$(SWIFT) build -c release --product mltutor

run: build
	@$(RELEASE_BIN) $(ARGS)

# Tests run against an optimised build (the accuracy tests train real models); testing is
# enabled so that test targets may reach internal names.
TEST_FLAGS := -c release -Xswiftc -enable-testing

# Each step runs with a temporary folder of its own, removed when it ends.
SCRATCH := scripts/in-scratch-dir.sh

test: test-deps
	$(SCRATCH) $(SWIFT) build $(TEST_FLAGS) --build-tests
	MLTUTOR_BIN=$(CURDIR)/$(RELEASE_BIN) $(SCRATCH) $(SWIFT) test $(TEST_FLAGS) --skip-build
	$(SCRATCH) Fuzz/fuzz.sh --seconds 6 --jobs 2

# The fuzz targets link against the objects of the test build; their own module is built
# again, optimised and instrumented.
fuzz: test-deps
	$(SCRATCH) $(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SCRATCH) Fuzz/fuzz.sh --optimize --jobs 2

# Each sanitizer builds in a folder of its own, so the ordinary build is left as it is.
# The concurrency tests: the engine's worker pool and split training steps (and training on
# every kernel path at several thread counts), the tutor's
# session thread (training, snapshots, settings, commands), history and progress saved by
# several threads at once.
CONCURRENCY_TESTS := ParallelStepTests|WorkerPoolTests|KernelPathTests|SessionWorkerTests|HistoryFileTests|ProgressStoreTests
ASAN_FLAGS := $(TEST_FLAGS) --sanitize=address --scratch-path .build/asan
TSAN_FLAGS := $(TEST_FLAGS) --sanitize=thread --scratch-path .build/tsan

# NB: under the address sanitizer, leak detection is off: LeakSanitizer does not follow
# Swift's references that carry an enum's tag in their spare bits, so it reports objects a
# global still holds. Swift's crash reporter is off (it reads stacks as raw memory, which the
# sanitizer takes for overflows) and the sanitizer leaves crash signals to mltutor's own
# handlers, which the signal tests check. MLTUTOR_SANITIZER skips the tests of peak memory.
ASAN_ENV := MLTUTOR_SANITIZER=address SWIFT_BACKTRACE=enable=no \
  ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_abort=0:handle_sigill=0

sanitize: test-deps
	$(SCRATCH) $(SWIFT) build $(ASAN_FLAGS) --build-tests
	MLTUTOR_BIN=$(CURDIR)/.build/asan/release/mltutor $(ASAN_ENV) $(SCRATCH) $(SWIFT) test $(ASAN_FLAGS) --skip-build
	$(SCRATCH) $(SWIFT) build $(TSAN_FLAGS) --build-tests
	MLTUTOR_SANITIZER=thread TSAN_OPTIONS=halt_on_error=1 $(SCRATCH) $(SWIFT) test $(TSAN_FLAGS) --skip-build --filter '$(CONCURRENCY_TESTS)'

bench: test-deps
	$(SWIFT) build -c release --product mltutor
	$(SWIFT) build -c release --product kernel-bench
	@Benchmarks/run.sh
	@Benchmarks/tutor-bench.sh

soak: test-deps
	$(SWIFT) build -c release --product mltutor
	scripts/soak.sh $(SOAK_ARGS)

clean:
	rm -rf .build
