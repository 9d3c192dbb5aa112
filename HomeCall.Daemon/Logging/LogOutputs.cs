using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// The daemon's outputs behind the <see cref="BackgroundLogSink"/>: the console, one write per
/// batch, and the daily files in LOG_DIR (<paramref name="files"/>, Serilog's file sink: rolling,
/// retention and the group hooks; null without LOG_DIR). One output failing (disk full, stdout
/// closed) does not stop the other; failures are reported through Serilog's SelfLog, which
/// <see cref="LogSetup"/> turns into one line on stderr.
/// </summary>
internal sealed class LogOutputs(ConsoleLogLines console, Logger? files) : ILogBatchSink
{
    public void Emit(LogEvent logEvent)
    {
        try
        {
            console.Add(logEvent);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            ConsoleFailed(ex);
        }

        // Serilog's logger already keeps a failing file sink's exceptions from its caller.
        files?.Write(logEvent);
    }

    public void EndBatch()
    {
        try
        {
            console.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            ConsoleFailed(ex);
        }
    }

    public void Dispose()
    {
        try
        {
            console.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            ConsoleFailed(ex);
        }

        files?.Dispose();
    }

    private static void ConsoleFailed(Exception ex) => SelfLog.WriteLine("homecall: writing the console log failed: {0}", ex.Message);
}
