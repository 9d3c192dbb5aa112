using System.Collections;
using System.Net.Sockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Transport;
using Serilog;
using Serilog.Core;

namespace HomeCall.Daemon;

/// <summary>The serving side of <see cref="Program"/>: logging set up, the host started and run until a stop signal, reloads on SIGHUP.</summary>
internal static partial class Program
{
    private static async Task<int> RunAsync(BindResult bound, FingerprintKey key, ResolvedSecrets secrets, IDictionary environment, ReloadSource reloads)
    {
        var options = bound.Options;
        var level = new LoggingLevelSwitch(LogSetup.ParseLevel(options.LogLevel));
        var dropped = new DroppedLogEvents();
        var logger = LogSetup.Create(options, Console.OpenStandardOutput(), Console.Error, level, out var fileProblem, out var groupProblem, dropped);
        try
        {
            Log.Logger = logger;
            var log = logger.ForContext(typeof(Program));
            WarnAboutLogFiles(options, fileProblem, groupProblem, log);
            return await ServeAsync(new Startup(options, key, secrets, environment, bound.Notices, reloads, level, dropped), logger).ConfigureAwait(false);
        }
        finally
        {
            // Shutdown ends here (docs/protocol.md §3.5): flush logs and exit; a sink that cannot flush (disk full) is said, not a crash.
            LogSetup.CloseQuietly(logger, Console.Error);
        }
    }

    private static void WarnAboutLogFiles(DaemonOptions options, string? fileProblem, string? groupProblem, ILogger log)
    {
        if (fileProblem is not null)
        {
            log.Warning("LOG_DIR {LogDir} is not writable ({Problem}); logging to the console only", options.LogDir, fileProblem);
        }

        if (groupProblem is not null)
        {
            log.Warning("Log files in {LogDir} are not readable by group {Group} ({Problem}); run the daemon as root or in that group, or read them with sudo", options.LogDir, LogFileAccess.ReaderGroup, groupProblem);
        }
    }

    private static async Task<int> ServeAsync(Startup startup, Serilog.Core.Logger logger)
    {
        var (options, key, secrets, environment, notices, reloads, level, dropped) = startup;
        var log = logger.ForContext(typeof(Program));
        log.Information("homecall {Version} starting with {Settings}", DaemonHost.Version, Settings(options));
        foreach (var notice in notices)
        {
            log.Warning("Settings: {Notice}", notice);
        }

        // Which key, never the key itself: `homecall fingerprint` must be pointed at the same file.
        log.Information("Room fingerprints are keyed with {KeyFile} ({KeyOrigin})", key.Path, key.Created ? "created now" : "existing");
        WarnIfOpenFileLimitLow(options, log);
        using var signals = new ShutdownSignals();
        using var systemd = SystemdNotifier.FromEnvironment(environment, Environment.ProcessId);
        // Whether joins need a token or the webhook's yes (docs/protocol.md §12), never the secret or the URL.
        log.Information("Room access control: tokens required {TokensRequired}, auth webhook asked {WebhookAsked} (both false: anyone who knows a room joins it)", secrets.Room.IsSet, options.AuthWebhookUrl.Length > 0);
        using var host = new DaemonHost(options, key.Fingerprinter, TimeProvider.System, logger, secrets, systemd, dropped);
        host.Settings.Changed += o => level.MinimumLevel = LogSetup.ParseLevel(o.LogLevel);
        using var reloadSignal = new ReloadSignal(() => Reload(host, reloads, log));
        try
        {
            host.Start();
        }
        catch (SocketException ex)
        {
            // One line naming what could not be bound; IPv6 in brackets so the port stays readable.
            var where = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]:{options.Port}" : $"{options.Host}:{options.Port}";
            log.Fatal("Cannot listen on {Address}: {Reason}", where, ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "address already in use" : ex.Message);
            return ExitCodes.Failure;
        }

        await host.RunAsync(signals.Token).ConfigureAwait(false);
        log.Information("Shut down on {Signal}", signals.Received);
        return ExitCodes.Ok;
    }

    /// <summary>SIGHUP: the env file read again and applied; a failure is logged, never fatal.</summary>
    private static void Reload(DaemonHost host, ReloadSource reloads, ILogger log)
    {
        try
        {
            log.Information("Reloading settings ({Signal}) from {EnvFile}", "SIGHUP", reloads.EnvFile ?? "the environment and command line only (no --env-file)");
            host.Reload(reloads.Load());
        }
        catch (Exception ex)
        {
            log.Error(ex, "Reload failed; the running settings stay");
        }
    }

    /// <summary>At the open-file limit the runtime stops accepting or aborts: say so at start, not at the first flood.</summary>
    private static void WarnIfOpenFileLimitLow(DaemonOptions options, ILogger log)
    {
        if (OpenFileLimit.Current() is { } limit && OpenFileLimit.Needed(options) > limit)
        {
            log.Warning(
                "MAX_CONNECTIONS {MaxConnections} + MAX_PENDING_HANDSHAKES {MaxPendingHandshakes} + {Reserve} reserved exceed the open-file limit {Limit}: raise LimitNOFILE or lower the settings",
                options.MaxConnections,
                options.MaxPendingHandshakes,
                OpenFileLimit.Reserve,
                limit);
        }
    }

    private static Dictionary<string, string> Settings(DaemonOptions options) =>
        OptionsPrinter.Describe(options).ToDictionary(kv => kv.Key, kv => kv.Value);
}
