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

# --- soak (hardening) ---------------------------------------------------------
# A bounded loopback soak (HomeCall.Daemon.Tests/Hardening/SoakTests.cs): SOAK_CLIENTS
# clients join homecall rooms, relay sequence-numbered offers, leave/rejoin and reconnect
# for SOAK_SECONDS, then every accepted offer must have been delivered exactly once and
# in order, the registry must be empty, the heap back near its baseline, no Error logged.
# `make test` runs the same test for a few seconds with 200 clients. Stops by itself.
SOAK_SECONDS     ?= 120
SOAK_CLIENTS     ?= 3000
SOAK_INTERVAL_MS ?= 1000
SOAK_CMD = env HOMECALL_SOAK_SECONDS=$(SOAK_SECONDS) HOMECALL_SOAK_CLIENTS=$(SOAK_CLIENTS) \
	HOMECALL_SOAK_INTERVAL_MS=$(SOAK_INTERVAL_MS) \
	$(DOTNET) test HomeCall.Daemon.Tests -c $(CONFIG) --no-build --filter "Category=Soak" \
	--logger "console;verbosity=detailed"

.PHONY: soak
soak: build
ifeq ($(NETNS),yes)
	unshare -n -- sh -c 'ip link set lo up && exec $(subst ','"'"',$(SOAK_CMD))'
else
	$(SOAK_CMD)
endif
