using System.Runtime.Versioning;
using HomeCall.Daemon.Config;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Serilog to the console always, and to daily rolling files in LOG_DIR when it is set
/// and writable. One line per event: timestamp with offset, level, connection id, message.
/// The console and file sinks sit behind a <see cref="BackgroundLogSink"/>: the threads that
/// log only enqueue, one background thread renders and writes.
/// </summary>
internal static class LogSetup
{
    public const string OutputTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {ConnectionId} {Message:lj}{NewLine}{Exception}";

    public const string FileName = "homecall-.log";

    /// <summary>Builds the logger; returns a warning to log when LOG_DIR could not be used.</summary>
    [SupportedOSPlatform("linux")]
    public static Logger Create(DaemonOptions options, TextWriter console, out string? fileProblem) =>
        Create(options, console, new LoggingLevelSwitch(ParseLevel(options.LogLevel)), out fileProblem, out _);

    /// <summary>
    /// Builds the logger at the level <paramref name="level"/> holds (a reload changes it); returns
    /// why LOG_DIR could not be used, or why its files could not be given to the readers' group.
    /// Events dropped because the buffer was full are counted in <paramref name="dropped"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static Logger Create(DaemonOptions options, TextWriter console, LoggingLevelSwitch level, out string? fileProblem, out string? groupProblem, DroppedLogEvents? dropped = null)
    {
        var writer = Writer(options, out fileProblem, out groupProblem);
        ReportSinkFailuresOnce(console);
        return new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.With<ConnectionIdDefault>()
            .WriteTo.Sink(new BackgroundLogSink(writer, dropped ?? new DroppedLogEvents(), TimeProvider.System))
            .CreateLogger();
    }

    /// <summary>The sinks the background thread writes to: every event it is given, whatever its level (the level is checked before queueing).</summary>
    [SupportedOSPlatform("linux")]
    private static Logger Writer(DaemonOptions options, out string? fileProblem, out string? groupProblem)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: null);
        fileProblem = null;
        groupProblem = null;
        if (options.LogDir.Length > 0)
        {
            var created = !Directory.Exists(options.LogDir);
            fileProblem = LogDirectoryProbe.Problem(options.LogDir);
            if (fileProblem is null)
            {
                groupProblem = LogFileAccess.Prepare(options.LogDir, created);
                config = config.WriteTo.File(
                    Path.Combine(options.LogDir, FileName),
                    outputTemplate: OutputTemplate,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: options.LogRetainedFiles,
                    hooks: new ReadableByGroupHooks());
            }
        }

        return config.CreateLogger();
    }

    /// <summary>Flushes and closes every sink; a sink that fails to flush (disk full) is reported on stderr instead of crashing the exit.</summary>
    public static void CloseQuietly(Logger logger, TextWriter console)
    {
        try
        {
            logger.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            console.WriteLine("homecall: could not flush the log at exit: " + ex.Message);
        }
    }

    public static LogEventLevel ParseLevel(string level) => level switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };

    /// <summary>A sink that fails later (disk full) is reported once on stderr, not once per event.</summary>
    private static void ReportSinkFailuresOnce(TextWriter console)
    {
        var reported = 0;
        SelfLog.Enable(message =>
        {
            if (Interlocked.Exchange(ref reported, 1) == 0)
            {
                console.WriteLine("homecall: logging to a sink failed, further failures are not reported: " + message);
            }
        });
    }

    /// <summary>Lines outside any connection show "-" where the connection id stands.</summary>
    private sealed class ConnectionIdDefault : ILogEventEnricher
    {
        private static readonly LogEventProperty Dash = new(ConnectionLogger.PropertyName, new ScalarValue(ConnectionLogger.NoConnection));

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.AddPropertyIfAbsent(Dash);
    }
}
