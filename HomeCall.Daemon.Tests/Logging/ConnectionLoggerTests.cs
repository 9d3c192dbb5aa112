using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class ConnectionLoggerTests
{
    [Test]
    public void Write_AnyEvent_ConnectionIdIsBootIdAndCounter()
    {
        var sink = new CapturingSink();
        var inner = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();

        ILogger log = new ConnectionLogger(inner, "k7q2m9", 17);
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
}
