# SPDX-License-Identifier: MIT
# Entry points: make (build), make check, make demo, make bench.
BUILD ?= build
CONFIGURE_FLAGS ?=
TEST_FLAGS ?=

.PHONY: all deps deps-test check demo bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@scripts/install-deps

deps-test:
	@scripts/install-deps --test

$(BUILD)/build.ninja:
	@scripts/install-deps
	./configure --builddir=$(BUILD) $(CONFIGURE_FLAGS)

# Runs every test; prints "N passed, N failed" last.
check: deps-test all
	@meson test -C $(BUILD) --no-rebuild --print-errorlogs \
		--num-processes 2 $(TEST_FLAGS) >$(BUILD)/check.log 2>&1; \
		rc=$$?; tail -n 40 $(BUILD)/check.log; \
		scripts/test-summary $(BUILD); exit $$rc

# Debian's arm64 kernel on the arm virt board (a BusyBox shell on a
# terminal); the riscv demo when the arm64 packages cannot be fetched.
demo: deps-test all
	@scripts/demo-arm-virt $(BUILD); rc=$$?; \
		if [ $$rc -eq 77 ]; then scripts/demo $(BUILD); else exit $$rc; fi

bench: deps-test all
	@tests/bench/run $(BUILD)
	@tests/bench/run $(BUILD) --arch aarch64
	@tests/bench/boot $(BUILD)
	@tests/bench/boot $(BUILD) --arch aarch64
	@tests/bench/kvm $(BUILD)

clean:
	rm -rf $(BUILD)
