using System.Globalization;
using System.Net;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class ConnectionLoggerTests
{
    [Test]
    public void Write_AnyEvent_ConnectionIdIsBootIdAndCounter()
    {
        var sink = new CapturingSink();
        var inner = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();

        ILogger log = new ConnectionLogs(inner, "k7q2m9").For(17);
        log.Information("Connection opened");

        Assert.That(sink.Events.Single().Properties[ConnectionLogger.PropertyName].ToString(), Is.EqualTo("\"k7q2m9-c17\""));
    }

    [Test]
    public void New_TwoStarts_ShortDistinctIdsWithoutLookAlikes()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => BootId.New()).ToArray();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match("^[a-hjkmnp-z2-9]{6}$"));
    }

    [Test]
    public void Information_DaemonsConnectionLines_SameEventsAsSerilogsOwnBinding()
    {
        var (log, fast) = NewConnectionLogger();
        var (reference, expected) = NewReference();

        log.Information("Connection opened from {ClientIp} on {Path}", IPAddress.Parse("203.0.113.7"), "/ws");
        reference.Information("Connection opened from {ClientIp} on {Path}", IPAddress.Parse("203.0.113.7"), "/ws");
        log.Information("Joined room={Room} ({Count}/{Capacity})", "9f2c41d0", 2, 8);
        reference.Information("Joined room={Room} ({Count}/{Capacity})", "9f2c41d0", 2, 8);
        log.Information("Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms", 1000, (int?)null, 5321L);
        reference.Information("Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms", 1000, (int?)null, 5321L);
        log.Warning("Rate limit hit, {Level}", LogEventLevel.Debug);
        reference.Warning("Rate limit hit, {Level}", LogEventLevel.Debug);

        Assert.That(fast.Events.Select(Describe), Is.EqualTo(expected.Events.Select(Describe)));
    }

    [Test]
    public void Information_TemplatesSerilogMustBind_SameEventsAsSerilogsOwnBinding()
    {
        var (log, fast) = NewConnectionLogger();
        var (reference, expected) = NewReference();

        // Destructured, positional, a repeated name, too few and too many values, the connection id named.
        log.Information("Got {@Value}", new { A = 1 });
        reference.Information("Got {@Value}", new { A = 1 });
        log.Information("{0} then {1}", "a", "b");
        reference.Information("{0} then {1}", "a", "b");
        log.Information("{X} and {X}", 1, 2);
        reference.Information("{X} and {X}", 1, 2);
        log.Information("{A} {B} {C}", 1, 2);
        reference.Information("{A} {B} {C}", 1, 2);
        log.Information("{A}", 1, 2);
        reference.Information("{A}", 1, 2);
        log.Information("Other {ConnectionId}", "c9");
        reference.Information("Other {ConnectionId}", "c9");

        Assert.That(fast.Events.Select(Describe), Is.EqualTo(expected.Events.Select(Describe)));
    }

    [Test]
    public void Information_LevelBelowTheMinimum_NothingWritten()
    {
        var sink = new CapturingSink();
        var inner = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(sink).CreateLogger();
        ILogger log = new ConnectionLogs(inner, "k7q2m9").For(17);

        log.Information("Joined room={Room} ({Count}/{Capacity})", "9f2c41d0", 2, 8);
        log.Information("Connection opened from {ClientIp} on {Path}", "203.0.113.7", "/ws");
        log.Information("One {Value}", 1);

        Assert.That(sink.Events, Is.Empty);
    }

    [Test]
    public void Information_TwoConnectionsInTurn_EachLineCarriesItsOwnId()
    {
        var sink = new CapturingSink();
        var logs = new ConnectionLogs(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), "k7q2m9");
        var first = logs.For(17);
        var second = logs.For(18);

        first.Information("Joined room={Room} ({Count}/{Capacity})", "9f2c41d0", 1, 8);
        second.Information("Joined room={Room} ({Count}/{Capacity})", "9f2c41d0", 2, 8);
        first.Information("Left room={Room} ({Count}/{Capacity})", "9f2c41d0", 1, 8);
        second.Warning(new InvalidOperationException("x"), "Failed {Step}", "send");

        Assert.That(
            sink.Events.Select(e => e.Properties[ConnectionLogger.PropertyName].ToString()),
            Is.EqualTo(new[] { "\"k7q2m9-c17\"", "\"k7q2m9-c18\"", "\"k7q2m9-c17\"", "\"k7q2m9-c18\"" }));
    }

    private static (ILogger Log, CapturingSink Sink) NewConnectionLogger()
    {
        var sink = new CapturingSink();
        var inner = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        return (new ConnectionLogs(inner, "k7q2m9").For(17), sink);
    }

    /// <summary>Serilog's own way: its binder, the connection id as a context property (added when absent).</summary>
    private static (ILogger Log, CapturingSink Sink) NewReference()
    {
        var sink = new CapturingSink();
        var inner = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        return (inner.ForContext(ConnectionLogger.PropertyName, "k7q2m9-c17"), sink);
    }

    private static string Describe(LogEvent e) =>
        $"{e.Level}|{e.MessageTemplate.Text}|{e.RenderMessage(CultureInfo.InvariantCulture)}|"
        + string.Join(";", e.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.GetType().Name}:{p.Value}"));
}
