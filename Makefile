# mltutor — build, run, test and benchmark.
#
#   make run     build in release mode and start mltutor (ARGS="..." passes arguments)
#   make test    build and run every test
#   make bench   build in release mode and run the benchmarks
#   make soak    build in release mode and check that memory stays flat over 30 minutes of
#                training (SOAK_ARGS="--tutor-minutes 3" for a shorter run)
#
# Each target first installs the Debian packages the build needs when they are missing
# (as root, or through sudo); otherwise it prints the exact command to run.

SWIFT ?= swift
BUILD_PACKAGES := libedit-dev libncurses-dev zlib1g-dev libopenblas-dev
TEST_PACKAGES := dataset-fashion-mnist tmux time
RELEASE_BIN := .build/release/mltutor

.PHONY: all build run test bench soak deps test-deps clean

all: build

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

test: test-deps
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	MLTUTOR_BIN=$(CURDIR)/$(RELEASE_BIN) $(SWIFT) test $(TEST_FLAGS) --skip-build

bench: test-deps
	$(SWIFT) build -c release --product mltutor
	@Benchmarks/run.sh
	@Benchmarks/tutor-bench.sh

soak: test-deps
	$(SWIFT) build -c release --product mltutor
	scripts/soak.sh $(SOAK_ARGS)

clean:
	rm -rf .build
