using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §4: a connection's dialect is fixed once and never changes.</summary>
public sealed class ClientStateTests
{
    private static ClientState NewState() =>
        new(new FakeConnection(1), new RateLimiter(10, 10, new FakeTimeProvider()), Serilog.Core.Logger.None);

    [Test]
    public void RateLimiter_TakenThroughTheState_SpendsOneBucket()
    {
        var state = new ClientState(new FakeConnection(1), new RateLimiter(10, 2, new FakeTimeProvider()), Serilog.Core.Logger.None);

        state.RateLimiter.Take();
        state.RateLimiter.Take();

        Assert.That(state.RateLimiter.Take(), Is.EqualTo(RateDecision.Limited), "the burst of 2 is spent in the state's own bucket, not in copies");
    }

    [Test]
    public void Use_SameHandlerAgain_StaysFixed()
    {
        var state = NewState();
        var homecall = new FakeDialectHandler(Dialect.Homecall);

        state.Use(homecall);
        state.Use(homecall);

        Assert.That(state.Handler, Is.SameAs(homecall));
        Assert.That(state.Dialect, Is.EqualTo(Dialect.Homecall));
    }

    [Test]
    public void Use_AnotherHandlerOnceFixed_ThrowsAndKeepsTheFirst()
    {
        var state = NewState();
        var homecall = new FakeDialectHandler(Dialect.Homecall);
        state.Use(homecall);

        Assert.That(() => state.Use(new FakeDialectHandler(Dialect.Numeric)), Throws.InvalidOperationException);
        Assert.That(state.Handler, Is.SameAs(homecall));
    }
}
