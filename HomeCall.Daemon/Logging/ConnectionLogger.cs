using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// The log of one connection: every event written through it carries `ConnectionId`
/// (<c>BOOTID-c1</c>, <c>BOOTID-c2</c>, …): the counter starts again at every start, the
/// <see cref="BootId"/> makes the id unique across restarts, so one grep finds one connection.
/// The property is made once, when the connection is accepted (about 100 bytes for as long as
/// it lives), not once per line (4 lines per connection at the least). A Serilog ForContext
/// logger per connection would hold about 190 bytes more. Lines with up to three values are written
/// by the shared logger of <see cref="ConnectionLogs"/> with the id set around the call
/// (<see cref="CurrentConnectionId"/>): Serilog then builds the event as cheaply as for any line
/// (4 connection lines: 2,632 bytes allocated against 3,360 through ILogger's general binding).
/// </summary>
/// <param name="inner">A logger carrying <see cref="CurrentConnectionId"/> (<see cref="ConnectionLogs"/>).</param>
internal sealed class ConnectionLogger(ILogger inner, string bootId, long id) : ILogger
{
    public const string PropertyName = "ConnectionId";

    /// <summary>What stands where the connection id would on lines outside any connection.</summary>
    public const string NoConnection = "-";

    private readonly LogEventProperty _connectionId = new(PropertyName, new ScalarValue(bootId + "-c" + id.ToString(CultureInfo.InvariantCulture)));

    // These replace ILogger's default generic methods (every Information(template, …) with up to
    // three values comes through them). Serilog reads the id while it builds the event, on this thread.
    public void Write<T>(LogEventLevel level, string messageTemplate, T propertyValue)
    {
        var previous = CurrentConnectionId.Enter(_connectionId);
        try
        {
            inner.Write(level, messageTemplate, propertyValue);
        }
        finally
        {
            CurrentConnectionId.Restore(previous);
        }
    }

    public void Write<T0, T1>(LogEventLevel level, string messageTemplate, T0 propertyValue0, T1 propertyValue1)
    {
        var previous = CurrentConnectionId.Enter(_connectionId);
        try
        {
            inner.Write(level, messageTemplate, propertyValue0, propertyValue1);
        }
        finally
        {
            CurrentConnectionId.Restore(previous);
        }
    }

    public void Write<T0, T1, T2>(LogEventLevel level, string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2)
    {
        var previous = CurrentConnectionId.Enter(_connectionId);
        try
        {
            inner.Write(level, messageTemplate, propertyValue0, propertyValue1, propertyValue2);
        }
        finally
        {
            CurrentConnectionId.Restore(previous);
        }
    }

    public void Write(LogEvent logEvent)
    {
        // Like an enricher: properties bound from the message template win.
        logEvent.AddPropertyIfAbsent(_connectionId);
        inner.Write(logEvent);
    }

    public bool IsEnabled(LogEventLevel level) => inner.IsEnabled(level);

    public bool BindMessageTemplate(
        string messageTemplate,
        object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate,
        [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties) =>
        inner.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property) =>
        inner.BindProperty(propertyName, value, destructureObjects, out property);
}
