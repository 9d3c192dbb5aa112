using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Keeps every log event of an in-process server so tests can assert on logs and surface server-side errors.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public IEnumerable<string> Lines => Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture));

    public IEnumerable<LogEvent> Errors => Events.Where(e => e.Level >= LogEventLevel.Error);

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
