using System.Collections;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using Serilog.Core;

namespace HomeCall.Daemon;

/// <summary>What <see cref="Program"/> has gathered before serving: settings, key, environment, notices, the reload source and the live log level.</summary>
internal sealed record Startup(
    DaemonOptions Options,
    FingerprintKey Key,
    IDictionary Environment,
    IReadOnlyList<string> Notices,
    ReloadSource Reloads,
    LoggingLevelSwitch Level);
