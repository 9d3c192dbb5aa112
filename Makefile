# HomeCall Daemon — build, run, test, publish, install.
# Every target works on a fresh machine with the .NET SDK (see README).

DOTNET      ?= dotnet
CONFIG      ?= Release
RID         ?= linux-x64
DIST        ?= dist
PREFIX      ?= /usr/local
DESTDIR     ?=
TEST_FILTER ?=
RESULTS     ?= TestResults

.PHONY: all build run test publish clean

all: build

build:
	$(DOTNET) build HomeCall.Daemon.sln -c $(CONFIG)

# The daemon in the foreground with homecall.env (every line commented: the embedded
# defaults, 127.0.0.1:8080). Ctrl-C stops it gracefully.
run:
	$(DOTNET) run --project HomeCall.Daemon -c $(CONFIG) -- --env-file homecall.env

# Every test. Results also land in $(RESULTS)/results.trx (read by .ci/run).
# The suite talks only to loopback; as root it runs in a private network namespace
# that has nothing but lo (browsers' WebRTC would otherwise gather eth0 candidates),
# so the build (which restores packages) runs first, outside it.
NETNS := $(shell [ "$$(id -u)" = 0 ] && unshare -n true 2>/dev/null && command -v ip >/dev/null && echo yes)
TEST_CMD = $(DOTNET) test HomeCall.Daemon.sln -c $(CONFIG) --no-build \
	--logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
	--results-directory $(RESULTS) $(if $(TEST_FILTER),--filter "$(TEST_FILTER)")

test: build
ifeq ($(NETNS),yes)
	unshare -n -- sh -c 'ip link set lo up && exec $(subst ','"'"',$(TEST_CMD))'
else
	$(TEST_CMD)
endif

# One self-contained, trimmed, single-file binary: $(DIST)/homecall
publish:
	$(DOTNET) publish HomeCall.Daemon/HomeCall.Daemon.csproj -c $(CONFIG) -r $(RID) \
		--self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true \
		-p:DebugType=none -o $(DIST)

clean:
	$(DOTNET) clean HomeCall.Daemon.sln -c $(CONFIG) >/dev/null
	rm -rf $(DIST) $(RESULTS) */bin */obj

# --- Benchmarks (bench/, docs/benchmarks.md) --------------------------------
# `make bench`: publish the daemon, build HomeCall.Bench, install the Node reference's
# dependencies (bench/reference, seed 004 on `ws`), then run the standard set against fresh
# servers on loopback and write docs/benchmarks.md (about 12 minutes on 2 cores: relay and churn run 3 rounds).
BENCH_TOOL   = bench/HomeCall.Bench/bin/$(CONFIG)/net10.0/HomeCall.Bench.dll
BENCH_OUT   ?= docs/benchmarks.md
BENCH_ARGS  ?=

.PHONY: bench bench-tool bench-reference

bench-tool:
	$(DOTNET) build bench/HomeCall.Bench/HomeCall.Bench.csproj -c $(CONFIG)

bench-reference:
	cd bench/reference && npm ci --no-audit --no-fund

bench: publish bench-tool bench-reference
	$(DOTNET) $(BENCH_TOOL) suite --daemon $(DIST)/homecall --reference bench/reference/server.js \
		--out $(BENCH_OUT) $(BENCH_ARGS)
