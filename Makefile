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

# Every test. Each test project writes $(RESULTS)/results_*.trx (.ci/run adds them up).
# The suite talks only to loopback; as root it runs in a private network namespace
# that has nothing but lo (browsers' WebRTC would otherwise gather eth0 candidates),
# so the build (which restores packages) runs first, outside it, and so does the restore
# of the linux-x64 runtime pack that the install tests' offline single-file publish needs
# (into the NuGet cache; its project files go under obj/, not the projects' own obj/).
NETNS := $(shell [ "$$(id -u)" = 0 ] && unshare -n true 2>/dev/null && command -v ip >/dev/null && echo yes)
TEST_CMD = $(DOTNET) test HomeCall.Daemon.sln -c $(CONFIG) --no-build \
	--logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
	--results-directory $(RESULTS) $(if $(TEST_FILTER),--filter "$(TEST_FILTER)")

test: build
	$(DOTNET) restore HomeCall.Daemon/HomeCall.Daemon.csproj -r $(RID) -p:NuGetAudit=false \
		-p:ArtifactsPath=$(CURDIR)/obj/test-restore
ifeq ($(NETNS),yes)
	unshare -n -- sh -c 'ip link set lo up && exec $(subst ','"'"',$(TEST_CMD))'
else
	$(TEST_CMD)
endif

# One self-contained, trimmed, single-file binary: $(DIST)/homecall. ReadyToRun keeps the
# start fast: trimming drops the framework's precompiled code, which R2R puts back for what is kept.
publish:
	$(DOTNET) publish HomeCall.Daemon/HomeCall.Daemon.csproj -c $(CONFIG) -r $(RID) \
		--self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true \
		-p:PublishReadyToRun=true -p:DebugType=none -o $(DIST)

clean:
	$(DOTNET) clean HomeCall.Daemon.sln -c $(CONFIG) >/dev/null
	rm -rf $(DIST) $(RESULTS) obj */bin */obj

# --- install / uninstall (docs/deploy.md) --------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=] [BIN=$(DIST)/homecall] [SYSCONFDIR=/etc]
# BIN is the binary to install: by default the self-contained single file from
# `make publish`. A framework-dependent single file also works on a server that has the
# .NET runtime (the install test uses one: it builds in seconds, offline).
# The unit gets the real paths; an existing homecall.env is never overwritten (the new
# sample goes to $(DOCDIR)/homecall.env.example). Run `systemctl daemon-reload` after.
BIN        ?= $(DIST)/homecall
BINDIR     ?= $(PREFIX)/bin
UNITDIR    ?= $(PREFIX)/lib/systemd/system
DOCDIR     ?= $(PREFIX)/share/doc/homecall
SYSCONFDIR ?= /etc
CONFDIR    := $(SYSCONFDIR)/homecall
INSTALL    ?= install

.PHONY: install uninstall

install:
	@test -f "$(BIN)" || { echo "make install: $(BIN) not found: run 'make publish' first, or pass BIN=path/to/homecall" >&2; exit 1; }
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(DOCDIR)" "$(DESTDIR)$(CONFDIR)"
	$(INSTALL) -m 0755 "$(BIN)" "$(DESTDIR)$(BINDIR)/homecall"
	sed -e 's|/usr/local/bin/homecall|$(BINDIR)/homecall|' \
	    -e 's|/usr/local/share/doc/homecall|$(DOCDIR)|' \
	    -e 's|/etc/homecall/|$(CONFDIR)/|' \
	    systemd/homecall.service > "$(DESTDIR)$(UNITDIR)/homecall.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/homecall.service"
	$(INSTALL) -m 0644 deploy/apache/homecall.conf "$(DESTDIR)$(DOCDIR)/apache-homecall.conf"
	$(INSTALL) -m 0644 docs/deploy.md "$(DESTDIR)$(DOCDIR)/deploy.md"
	$(INSTALL) -m 0644 homecall.env "$(DESTDIR)$(DOCDIR)/homecall.env.example"
	@if [ -e "$(DESTDIR)$(CONFDIR)/homecall.env" ]; then \
	    echo "kept $(DESTDIR)$(CONFDIR)/homecall.env (compare with $(DOCDIR)/homecall.env.example)"; \
	else \
	    $(INSTALL) -m 0640 homecall.env "$(DESTDIR)$(CONFDIR)/homecall.env" && \
	    echo "installed $(DESTDIR)$(CONFDIR)/homecall.env: edit it, then systemctl daemon-reload && systemctl enable --now homecall"; \
	fi

# Leaves $(CONFDIR)/homecall.env (the admin's settings) and /var/log/homecall.
# On a live system stop the service first: systemctl disable --now homecall.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/homecall" "$(DESTDIR)$(UNITDIR)/homecall.service"
	rm -f "$(DESTDIR)$(DOCDIR)/apache-homecall.conf" "$(DESTDIR)$(DOCDIR)/deploy.md" "$(DESTDIR)$(DOCDIR)/homecall.env.example"
	-rmdir "$(DESTDIR)$(DOCDIR)" 2>/dev/null
	@echo "kept $(DESTDIR)$(CONFDIR)/homecall.env; remove it by hand when it is no longer wanted"

# --- Benchmarks (bench/, docs/benchmarks.md) --------------------------------
# `make bench`: publish the daemon, build HomeCall.Bench, install both reference servers
# (bench/reference: the numeric-room reference server on Node and `ws`; bench/reference-bun: the
# same on Bun.serve), then run the standard set against fresh servers on loopback and write
# docs/benchmarks.md: relay, set-up and churn for the daemon, Node and Bun back to back in each
# round (judged by the medians of per-round ratios, because raw rates on a shared 2-core host drift
# by a third between runs), the daemon at its default log level with only the abuse limits lifted,
# plus idle memory, start and the hot path; bench/profile.md (hand-written) is included as it is.
# About 45 minutes on 2 cores with the defaults (5 rounds of 10 s). BENCH_ARGS passes options to
# `suite`, e.g. "--rounds 1 --duration 5".
BENCH_TOOL   = bench/HomeCall.Bench/bin/$(CONFIG)/net10.0/HomeCall.Bench.dll
BENCH_OUT   ?= docs/benchmarks.md
BENCH_ARGS  ?=

.PHONY: bench bench-tool bench-reference

bench-tool:
	$(DOTNET) build bench/HomeCall.Bench/HomeCall.Bench.csproj -c $(CONFIG)

# Both reference servers from the npm registry: bench/reference (Node + ws) and
# bench/reference-bun (Bun.serve; the `bun` package brings the runtime binary in its
# platform package), checked by running it.
BUN = bench/reference-bun/node_modules/.bin/bun

bench-reference:
	cd bench/reference && npm ci --no-audit --no-fund
	cd bench/reference-bun && npm ci --no-audit --no-fund
	$(BUN) --version

bench: publish bench-tool bench-reference
	$(DOTNET) $(BENCH_TOOL) suite --daemon $(DIST)/homecall --reference bench/reference/server.js \
		--bun-reference bench/reference-bun/server.js --bun $(BUN) --profile-notes bench/profile.md \
		--out $(BENCH_OUT) $(BENCH_ARGS)

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
