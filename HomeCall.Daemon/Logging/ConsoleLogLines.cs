using System.Text;
using Serilog.Events;
using Serilog.Formatting;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// The console output (stdout: the journal under systemd). Lines are rendered into one buffer and
/// written with one write(2) per batch; one write per line, as Serilog's console sink does through
/// <see cref="Console.Out"/>, was most of the log writer thread's time (bench/profile.md). Not thread-safe: the
/// <see cref="BackgroundLogSink"/> uses it under its writing lock; the stream is not closed here
/// (it is the process's stdout).
/// </summary>
internal sealed class ConsoleLogLines(Stream stdout, ITextFormatter formatter) : IDisposable
{
    /// <summary>Characters buffered before a batch is written early: a few hundred lines.</summary>
    public const int BufferChars = 32 * 1024;

    private readonly StreamWriter _writer = new(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars, leaveOpen: true) { AutoFlush = false };

    public void Add(LogEvent logEvent) => formatter.Format(logEvent, _writer);

    /// <summary>Writes what the batch rendered. A failed write (stdout closed) loses that batch, not later ones.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>
    /// Writes what is pending and leaves the writer usable: stdout stays open, and a line logged
    /// by a connection ending during the exit, after the logger was closed, is still written.
    /// </summary>
    public void Dispose() => _writer.Flush();
}
