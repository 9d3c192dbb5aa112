using HomeCall.Daemon.Config;
using Serilog;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Serilog to the console always, and to daily rolling files in LOG_DIR when it is set
/// and writable. One line per event: timestamp with offset, level, connection id, message.
/// </summary>
internal static class LogSetup
{
    public const string OutputTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {ConnectionId} {Message:lj}{NewLine}{Exception}";

    public const string FileName = "homecall-.log";

    /// <summary>Builds the logger; returns a warning to log when LOG_DIR could not be used.</summary>
    public static Logger Create(DaemonOptions options, TextWriter console, out string? fileProblem)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(ParseLevel(options.LogLevel))
            .Enrich.With<ConnectionIdDefault>()
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: null);
        fileProblem = null;
        if (options.LogDir.Length > 0)
        {
            fileProblem = ProbeWritable(options.LogDir);
            if (fileProblem is null)
            {
                config = config.WriteTo.File(
                    Path.Combine(options.LogDir, FileName),
                    outputTemplate: OutputTemplate,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: options.LogRetainedFiles);
            }
        }

        ReportSinkFailuresOnce(console);
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

    /// <summary>An unwritable LOG_DIR is a warning, not a crash (the console still logs).</summary>
    private static string? ProbeWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".homecall-write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

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
        private static readonly LogEventProperty Dash = new("ConnectionId", new ScalarValue("-"));

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.AddPropertyIfAbsent(Dash);
    }
}
