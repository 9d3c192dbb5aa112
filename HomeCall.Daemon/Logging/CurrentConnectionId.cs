using Serilog.Core;
using Serilog.Events;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Adds the connection id of the line being written on this thread (<see cref="ConnectionLogger"/>
/// sets it around the call) when the line's template did not bind one itself. The line is then
/// built by Serilog's own logger, which binds the template's values straight into the event, instead
/// of through the general binding of Serilog's ILogger that a wrapping logger gets (about 180 bytes
/// more per line, bench/profile.md), and without a logger object per connection.
/// </summary>
internal sealed class CurrentConnectionId : ILogEventEnricher
{
    [ThreadStatic]
    private static LogEventProperty? t_property;

    /// <summary>Makes <paramref name="property"/> the current one; returns the one before it, for <see cref="Restore"/>.</summary>
    public static LogEventProperty? Enter(LogEventProperty property)
    {
        var previous = t_property;
        t_property = property;
        return previous;
    }

    public static void Restore(LogEventProperty? previous) => t_property = previous;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (t_property is { } property)
        {
            logEvent.AddPropertyIfAbsent(property);
        }
    }
}
