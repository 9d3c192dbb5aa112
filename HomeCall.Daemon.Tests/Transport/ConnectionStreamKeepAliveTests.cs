using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary><see cref="ConnectionStream"/>'s keep-alive side: the sweep's look at a connection and its ping.</summary>
public sealed class ConnectionStreamKeepAliveTests
{
    private static readonly long IntervalTicks = TimeSpan.FromSeconds(25).Ticks; // FakeTimeProvider counts in TimeSpan ticks.

    [Test]
    public async Task CheckLiveness_PingDueWhileAnAbortDisposesTheStream_DoesNotThrow()
    {
        // An abort (a send deadline, a close timer) disposes the stream on its timer thread while the
        // keep-alive sweep visits the connection on another: the socket is closed before the stream
        // marks itself disposed, and the ping written in between fails at once. That failure is the
        // abort's, not a fault of the sweep (which would log it as an unexpected error).
        var inner = new DisposeGatedStream();
        var stream = new ConnectionStream(inner, [], new FakeTimeProvider());
        var aborting = Task.Run(stream.Dispose);
        await inner.Disposing.WaitAsync(Poll.DefaultTimeout); // Only a bound: the abort reaches the socket at once.

        try
        {
            Assert.That(() => stream.CheckLiveness(IntervalTicks, IntervalTicks, IntervalTicks), Throws.Nothing);
        }
        finally
        {
            inner.FinishDispose();
            await aborting;
        }
    }
}
