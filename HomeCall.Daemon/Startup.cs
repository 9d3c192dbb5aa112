using System.Collections;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Logging;
using Serilog.Core;

namespace HomeCall.Daemon;

/// <summary>What <see cref="Program"/> has gathered before serving: settings, key, ICE servers and room secret (their files read), environment, notices, the reload source, the live log level and the count of log events dropped (for /metrics).</summary>
internal sealed record Startup(
    DaemonOptions Options,
    FingerprintKey Key,
    ResolvedSecrets Secrets,
    IDictionary Environment,
    IReadOnlyList<string> Notices,
    ReloadSource Reloads,
    LoggingLevelSwitch Level,
    DroppedLogEvents LogEventsDropped);
