using System.Runtime.Versioning;
using HomeCall.Daemon.Config;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Serilog to the console (stdout) always, and to daily rolling files in LOG_DIR when it is set
/// and writable. One line per event: timestamp with offset, level, connection id, message
/// (<see cref="LogLineFormatter.Template"/>). The outputs sit
/// behind a <see cref="BackgroundLogSink"/>: the threads that log only enqueue, one background
/// thread renders and writes, the console one batch at a time.
/// </summary>
internal static class LogSetup
{
    public const string FileName = "homecall-.log";

    /// <summary>Builds the logger; returns a warning to log when LOG_DIR could not be used.</summary>
    [SupportedOSPlatform("linux")]
    public static Logger Create(DaemonOptions options, Stream stdout, TextWriter errors, out string? fileProblem) =>
        Create(options, stdout, errors, new LoggingLevelSwitch(ParseLevel(options.LogLevel)), out fileProblem, out _);

    /// <summary>
    /// Builds the logger at the level <paramref name="level"/> holds (a reload changes it), writing
    /// lines to <paramref name="stdout"/> and its own failures to <paramref name="errors"/>; returns
    /// why LOG_DIR could not be used, or why its files could not be given to the readers' group.
    /// Events dropped because the buffer was full are counted in <paramref name="dropped"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static Logger Create(DaemonOptions options, Stream stdout, TextWriter errors, LoggingLevelSwitch level, out string? fileProblem, out string? groupProblem, DroppedLogEvents? dropped = null)
    {
        var formatter = new LogLineFormatter();
        var outputs = new LogOutputs(new ConsoleLogLines(stdout, formatter), Files(options, formatter, out fileProblem, out groupProblem));
        ReportSinkFailuresOnce(errors);
        return new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.With<ConnectionIdDefault>()
            .WriteTo.Sink(new BackgroundLogSink(outputs, dropped ?? new DroppedLogEvents(), TimeProvider.System))
            .CreateLogger();
    }

    /// <summary>The daily files the background thread writes to, every event it is given (the level is checked before queueing); null without LOG_DIR or when it cannot be used.</summary>
    [SupportedOSPlatform("linux")]
    private static Logger? Files(DaemonOptions options, LogLineFormatter formatter, out string? fileProblem, out string? groupProblem)
    {
        fileProblem = null;
        groupProblem = null;
        if (options.LogDir.Length > 0)
        {
            var created = !Directory.Exists(options.LogDir);
            fileProblem = LogDirectoryProbe.Problem(options.LogDir);
            if (fileProblem is null)
            {
                groupProblem = LogFileAccess.Prepare(options.LogDir, created);
                return new LoggerConfiguration()
                    .MinimumLevel.Verbose()
                    .WriteTo.File(
                        formatter,
                        Path.Combine(options.LogDir, FileName),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: options.LogRetainedFiles,
                        hooks: new ReadableByGroupHooks())
                    .CreateLogger();
            }
        }

        return null;
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
    private static void ReportSinkFailuresOnce(TextWriter errors)
    {
        var reported = 0;
        SelfLog.Enable(message =>
        {
            if (Interlocked.Exchange(ref reported, 1) == 0)
            {
                errors.WriteLine("homecall: logging to a sink failed, further failures are not reported: " + message);
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
