using Serilog.Events;
using Serilog.Parsing;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A server error fails the test during which it was logged, once.</summary>
public sealed class TestServerTests
{
    [Test]
    public async Task AssertNoNewErrors_ErrorSinceLastCheck_FailsNamingTheTestOnce()
    {
        await using var server = TestServer.Start();
        server.AssertNoNewErrors();
        server.Logs.Emit(Event(LogEventLevel.Warning, "only a warning"));
        server.Logs.Emit(Event(LogEventLevel.Error, "relay broke"));

        var failure = Assert.Throws<AssertionException>(server.AssertNoNewErrors);

        Assert.That(failure!.Message, Does.Contain("relay broke").And.Contain(TestContext.CurrentContext.Test.Name).And.Not.Contain("only a warning"));
        Assert.DoesNotThrow(server.AssertNoNewErrors, "reported once: the next test (or the final dispose) starts clean");
    }

    private static LogEvent Event(LogEventLevel level, string text) =>
        new(DateTimeOffset.UtcNow, level, null, new MessageTemplateParser().Parse(text), []);
}
