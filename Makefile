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
# The manual pages are printed by BIN itself (`homecall man PAGE`), so they describe the
# settings, options and exit codes of exactly the binary installed with them.
# Every file under deploy/*/ (proxy samples) goes to $(DOCDIR) as DIR-FILE, e.g.
# deploy/apache/homecall.conf -> apache-homecall.conf.
# The directories install had to create are listed in $(CREATED_DIRS), so that
# uninstall removes those (when empty) and never one that was there before.
# The unit runs as the system user homecall and logs into /var/log/homecall (homecall:adm 2750):
# systemd/sysusers.d/homecall.conf and systemd/tmpfiles.d/homecall.conf describe both and go to
# $(SYSUSERSDIR) and $(TMPFILESDIR); installed for real (no DESTDIR) as root, install applies
# them with systemd-sysusers and systemd-tmpfiles when those exist, and says what to do if not
# (also with CREATE_USER=no, for an install that must not touch the system's users).
BIN          ?= $(DIST)/homecall
BINDIR       ?= $(PREFIX)/bin
UNITDIR      ?= $(PREFIX)/lib/systemd/system
DOCDIR       ?= $(PREFIX)/share/doc/homecall
MANDIR       ?= $(PREFIX)/share/man
SYSUSERSDIR  ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR  ?= $(PREFIX)/lib/tmpfiles.d
CREATE_USER  ?= $(if $(DESTDIR),no,yes)
SYSCONFDIR   ?= /etc
CONFDIR      := $(SYSCONFDIR)/homecall
INSTALL      ?= install
CREATED_DIRS  = $(DOCDIR)/.installed-directories
PROXY_SAMPLES = $(wildcard deploy/*/*)
INSTALL_DIRS  = $(BINDIR) $(UNITDIR) $(DOCDIR) $(CONFDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(SYSUSERSDIR) $(TMPFILESDIR)
sample_name   = $(subst /,-,$(patsubst deploy/%,%,$(1)))

.PHONY: install uninstall

install:
	@test -f "$(BIN)" || { echo "make install: $(BIN) not found: run 'make publish' first, or pass BIN=path/to/homecall" >&2; exit 1; }
	@created=$$(for d in $(INSTALL_DIRS); do \
	    while [ "$$d" != / ] && [ ! -e "$(DESTDIR)$$d" ]; do echo "$$d"; d=$$(dirname "$$d"); done; done); \
	$(INSTALL) -d $(foreach d,$(INSTALL_DIRS),"$(DESTDIR)$(d)") && \
	{ [ -z "$$created" ] || printf '%s\n' $$created; cat "$(DESTDIR)$(CREATED_DIRS)" 2>/dev/null; } | sort -u > "$(DESTDIR)$(CREATED_DIRS).new" && \
	mv "$(DESTDIR)$(CREATED_DIRS).new" "$(DESTDIR)$(CREATED_DIRS)"
	$(INSTALL) -m 0755 "$(BIN)" "$(DESTDIR)$(BINDIR)/homecall"
	sed -e 's|/usr/local/bin/homecall|$(BINDIR)/homecall|' \
	    -e 's|/usr/local/share/doc/homecall|$(DOCDIR)|' \
	    -e 's|/etc/homecall/|$(CONFDIR)/|' \
	    systemd/homecall.service > "$(DESTDIR)$(UNITDIR)/homecall.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/homecall.service"
	$(INSTALL) -m 0644 systemd/sysusers.d/homecall.conf "$(DESTDIR)$(SYSUSERSDIR)/homecall.conf"
	$(INSTALL) -m 0644 systemd/tmpfiles.d/homecall.conf "$(DESTDIR)$(TMPFILESDIR)/homecall.conf"
	"$(BIN)" man homecall > "$(DESTDIR)$(MANDIR)/man1/homecall.1"
	"$(BIN)" man homecall.env > "$(DESTDIR)$(MANDIR)/man5/homecall.env.5"
	chmod 0644 "$(DESTDIR)$(MANDIR)/man1/homecall.1" "$(DESTDIR)$(MANDIR)/man5/homecall.env.5"
	$(foreach f,$(PROXY_SAMPLES),$(INSTALL) -m 0644 "$(f)" "$(DESTDIR)$(DOCDIR)/$(call sample_name,$(f))" &&) true
	$(INSTALL) -m 0644 docs/deploy.md "$(DESTDIR)$(DOCDIR)/deploy.md"
	$(INSTALL) -m 0644 homecall.env "$(DESTDIR)$(DOCDIR)/homecall.env.example"
	@if [ -e "$(DESTDIR)$(CONFDIR)/homecall.env" ]; then \
	    echo "kept $(DESTDIR)$(CONFDIR)/homecall.env (compare with $(DOCDIR)/homecall.env.example)"; \
	else \
	    $(INSTALL) -m 0640 homecall.env "$(DESTDIR)$(CONFDIR)/homecall.env" && \
	    echo "installed $(DESTDIR)$(CONFDIR)/homecall.env: edit it, then systemctl daemon-reload && systemctl enable --now homecall"; \
	fi
	@if [ -n "$(DESTDIR)" ]; then :; \
	elif [ "$(CREATE_USER)" != yes ] || [ "$$(id -u)" != 0 ] || ! command -v systemd-sysusers >/dev/null || ! command -v systemd-tmpfiles >/dev/null; then \
	    echo "as root, create the user homecall and /var/log/homecall (homecall:adm 2750): systemd-sysusers $(SYSUSERSDIR)/homecall.conf && systemd-tmpfiles --create $(TMPFILESDIR)/homecall.conf"; \
	else \
	    systemd-sysusers "$(SYSUSERSDIR)/homecall.conf" && systemd-tmpfiles --create "$(TMPFILESDIR)/homecall.conf"; \
	fi

# Leaves $(CONFDIR)/homecall.env (the admin's settings), /var/log/homecall and the system user
# homecall: removing a system user could hand its uid, and so its files, to a later user.
# On a live system stop the service first: systemctl disable --now homecall.
# Directories go deepest first, each only when empty.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/homecall" "$(DESTDIR)$(UNITDIR)/homecall.service"
	rm -f "$(DESTDIR)$(MANDIR)/man1/homecall.1" "$(DESTDIR)$(MANDIR)/man5/homecall.env.5"
	rm -f "$(DESTDIR)$(SYSUSERSDIR)/homecall.conf" "$(DESTDIR)$(TMPFILESDIR)/homecall.conf"
	rm -f $(foreach f,$(PROXY_SAMPLES),"$(DESTDIR)$(DOCDIR)/$(call sample_name,$(f))") \
	    "$(DESTDIR)$(DOCDIR)/deploy.md" "$(DESTDIR)$(DOCDIR)/homecall.env.example"
	@created=$$(cat "$(DESTDIR)$(CREATED_DIRS)" 2>/dev/null); rm -f "$(DESTDIR)$(CREATED_DIRS)"; \
	for d in $$( { printf '%s\n' $$created; echo "$(DOCDIR)"; } | awk '{ print length, $$0 }' | sort -rn | cut -d' ' -f2-); do \
	    rmdir "$(DESTDIR)$$d" 2>/dev/null || true; done
	@echo "kept $(DESTDIR)$(CONFDIR)/homecall.env; remove it by hand when it is no longer wanted"

# --- Debian package (docs/deploy.md) ------------------------------------------------
# make deb [BIN=$(DIST)/homecall] -> $(DIST)/homecall_VERSION_ARCH.deb, offline, no root.
# The files are laid out by `make install` itself (PREFIX=/usr, the unit in
# /lib/systemd/system as Debian 12 keeps units), so the unit's paths come from the same
# sed; then man pages and the changelog are gzipped and DEBIAN/ is written from
# packaging/deb/. Version: the project's <Version> (what `homecall --version` prints);
# Architecture: dpkg's; Maintainer: the author of the last commit (MAINTAINER= overrides).
# The Depends line is the self-contained binary's (libc, libgcc, libstdc++, and libssl,
# which .NET loads for SHA-1, HMAC-SHA-256 and random numbers): package another BIN=
# build only to test the packaging (the tests use a framework-dependent one).
DEB_VERSION    := $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' HomeCall.Daemon/HomeCall.Daemon.csproj)
DEB_ARCH       ?= $(shell dpkg --print-architecture 2>/dev/null)
MAINTAINER     ?= $(shell git log -1 --format='%an <%ae>' 2>/dev/null)
DEB_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
DEB_FIRST_YEAR ?= $(or $(shell git log --max-parents=0 --format=%cd --date=format:%Y 2>/dev/null | tail -1),$(DEB_YEAR))
DEB_YEARS       = $(DEB_FIRST_YEAR)$(if $(filter-out $(DEB_FIRST_YEAR),$(DEB_YEAR)),-$(DEB_YEAR))
DEB_YEAR        = $(shell date -u -d @$(DEB_DATE_EPOCH) +%Y)
DEB_STAGE       = $(DIST)/deb-stage
DEB             = $(DIST)/homecall_$(DEB_VERSION)_$(DEB_ARCH).deb
DEB_DOC         = $(DEB_STAGE)/usr/share/doc/homecall
DEB_FILL        = sed -e 's|@VERSION@|$(DEB_VERSION)|' -e 's|@ARCHITECTURE@|$(DEB_ARCH)|' -e 's|@MAINTAINER@|$(MAINTAINER)|'

.PHONY: deb

deb:
	@command -v dpkg-deb >/dev/null || { echo "make deb: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }
	@test -n "$(MAINTAINER)" || { echo "make deb: no git history to take the Maintainer from: pass MAINTAINER='Name <mail>'" >&2; exit 1; }
	rm -rf "$(DEB_STAGE)"
	$(MAKE) --no-print-directory install DESTDIR="$(abspath $(DEB_STAGE))" PREFIX=/usr UNITDIR=/lib/systemd/system \
	    SYSCONFDIR=/etc BIN="$(BIN)" CREATED_DIRS=/created-directories >/dev/null
	rm "$(DEB_STAGE)/created-directories"
	gzip -9n "$(DEB_STAGE)/usr/share/man/man1/homecall.1" "$(DEB_STAGE)/usr/share/man/man5/homecall.env.5"
	$(DEB_FILL) -e "s|@DATE@|$$(date -R -u -d @$(DEB_DATE_EPOCH))|" packaging/deb/changelog.in | gzip -9n > "$(DEB_DOC)/changelog.gz"
	$(DEB_FILL) -e 's|@YEARS@|$(DEB_YEARS)|' packaging/deb/copyright > "$(DEB_DOC)/copyright"
	install -D -m 0644 packaging/deb/lintian-overrides "$(DEB_STAGE)/usr/share/lintian/overrides/homecall"
	install -d "$(DEB_STAGE)/DEBIAN"
	install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$(DEB_STAGE)/DEBIAN/"
	echo /etc/homecall/homecall.env > "$(DEB_STAGE)/DEBIAN/conffiles"
	find "$(DEB_STAGE)" -type d -exec chmod 0755 {} +
	cd "$(DEB_STAGE)" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum > DEBIAN/md5sums
	$(DEB_FILL) -e "s|@INSTALLED_SIZE@|$$(du -sk --exclude=DEBIAN "$(DEB_STAGE)" | cut -f1)|" packaging/deb/control.in > "$(DEB_STAGE)/DEBIAN/control"
	chmod 0644 "$(DEB_DOC)/changelog.gz" "$(DEB_DOC)/copyright" "$(DEB_STAGE)/DEBIAN/conffiles" "$(DEB_STAGE)/DEBIAN/md5sums" "$(DEB_STAGE)/DEBIAN/control"
	dpkg-deb --root-owner-group -Zxz --build "$(DEB_STAGE)" "$(DEB)"
	rm -rf "$(DEB_STAGE)"

# --- Benchmarks (bench/, docs/benchmarks.md) --------------------------------
# `make bench`: publish the daemon, build HomeCall.Bench, install both reference servers
# (bench/reference: the numeric-room reference server on Node and `ws`; bench/reference-bun: the
# same on Bun.serve), then run the standard set against fresh servers on loopback and write
# docs/benchmarks.md: relay, set-up and churn for the daemon, Node and Bun back to back in each
# round (judged by the medians of per-round ratios, because raw rates on a shared 2-core host drift
# by a third between runs), the daemon at its default log level with only the abuse limits lifted,
# plus idle memory, start and the hot path; bench/profile.md (hand-written) is included as it is.
# Each relay, set-up and churn run warms up 5 s, then on until the server's JIT threads are idle
# (at most 25 s more). About 45-55 minutes on 2 cores with the defaults (5 rounds of 10 s), at most
# ~70 if every daemon and Bun warm-up runs to its cap. BENCH_ARGS passes options to `suite`, e.g.
# "--rounds 1 --duration 5".
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
