using HomeCall.Daemon.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace HomeCall.Daemon.Tests.Logging;

/// <summary>The connection id a connection's line gets while Serilog builds it (ConnectionLogger).</summary>
public sealed class CurrentConnectionIdTests
{
    private static readonly LogEventProperty C17 = new(ConnectionLogger.PropertyName, new ScalarValue("k7q2m9-c17"));
    private static readonly LogEventProperty C18 = new(ConnectionLogger.PropertyName, new ScalarValue("k7q2m9-c18"));

    [Test]
    public void Enrich_NoLineOfAConnectionBeingWritten_AddsNothing()
    {
        var logEvent = NewEvent();

        new CurrentConnectionId().Enrich(logEvent, null!);

        Assert.That(logEvent.Properties, Does.Not.ContainKey(ConnectionLogger.PropertyName));
    }

    [Test]
    public void Enrich_WhileEntered_AddsThatIdButNotOverABoundOne()
    {
        var plain = NewEvent();
        var bound = NewEvent();
        bound.AddOrUpdateProperty(new LogEventProperty(ConnectionLogger.PropertyName, new ScalarValue("from the template")));

        var previous = CurrentConnectionId.Enter(C17);
        try
        {
            new CurrentConnectionId().Enrich(plain, null!);
            new CurrentConnectionId().Enrich(bound, null!);
        }
        finally
        {
            CurrentConnectionId.Restore(previous);
        }

        Assert.That(plain.Properties[ConnectionLogger.PropertyName].ToString(), Is.EqualTo("\"k7q2m9-c17\""));
        Assert.That(bound.Properties[ConnectionLogger.PropertyName].ToString(), Is.EqualTo("\"from the template\""));
    }

    [Test]
    public void Restore_AfterANestedEnter_TheOuterIdAgainThenNone()
    {
        var outer = CurrentConnectionId.Enter(C17);
        var inner = CurrentConnectionId.Enter(C18);
        CurrentConnectionId.Restore(inner);
        var afterInner = NewEvent();
        new CurrentConnectionId().Enrich(afterInner, null!);
        CurrentConnectionId.Restore(outer);
        var afterOuter = NewEvent();
        new CurrentConnectionId().Enrich(afterOuter, null!);

        Assert.That(afterInner.Properties[ConnectionLogger.PropertyName].ToString(), Is.EqualTo("\"k7q2m9-c17\""));
        Assert.That(afterOuter.Properties, Does.Not.ContainKey(ConnectionLogger.PropertyName));
    }

    private static LogEvent NewEvent() =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("A line"), []);
}
