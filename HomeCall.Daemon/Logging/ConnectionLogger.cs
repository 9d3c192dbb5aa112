using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// The log of one connection: every event written through it carries `ConnectionId`
/// (<c>BOOTID-c1</c>, <c>BOOTID-c2</c>, …): the counter starts again at every start, the
/// <see cref="BootId"/> makes the id unique across restarts, so one grep finds one connection.
/// A Serilog ForContext logger per connection costs a few hundred bytes for as long as the
/// connection lives (a logger, an enricher array, the property); this is one small object
/// that allocates only when it writes, which matters with tens of thousands of idle connections.
/// </summary>
internal sealed class ConnectionLogger(ILogger inner, string bootId, long id) : ILogger
{
    public const string PropertyName = "ConnectionId";

    public void Write(LogEvent logEvent)
    {
        // Like an enricher: properties bound from the message template win.
        logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyName, new ScalarValue(bootId + "-c" + id.ToString(CultureInfo.InvariantCulture))));
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
