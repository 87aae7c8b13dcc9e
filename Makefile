# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
PRESET ?= release
BUILD_DIR = $(if $(filter release,$(PRESET)),build,build-$(PRESET))
DEMO_PLAN = assets/demo/demo-school.sxplan.json
DEMO_DB = $(BUILD_DIR)/demo/library.db

.PHONY: run test setup configure build asan bench clean

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j 2

run: build
	@bash scripts/run-demo.sh $(BUILD_DIR)

test: build
	@ctest --preset $(PRESET)

asan:
	@$(MAKE) --no-print-directory test PRESET=asan

bench: build
	@bash scripts/run-bench.sh $(BUILD_DIR)

clean:
	rm -rf build build-debug build-asan
