using System.Net;
using System.Net.WebSockets;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A connection whose socket never runs dry gives up its thread after a burst (socket completions run on the runtime's event threads).</summary>
public sealed class WebSocketConnectionBurstTests
{
    private const int Messages = 200;
    private const int Burst = 64;

    [Test]
    public async Task RunAsync_DataAlwaysAvailable_YieldsTheThreadAfter64Messages()
    {
        // Every frame is already buffered, so every receive completes at once: without the yield
        // RunAsync would handle all 200 before returning to its caller.
        var inner = new MemoryStream(Frames(Messages));
        var stream = new ConnectionStream(inner, [], TimeProvider.System);
        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var limits = new ConnectionServices(65536, 1 << 20, TimeSpan.FromSeconds(10), TimeProvider.System);
        using var connection = new WebSocketConnection(1, ws, stream, IPAddress.Loopback, EndpointKind.Room, "", limits, new LoggerConfiguration().CreateLogger(), openedAt: 0);
        var session = new GatedSession(gateAt: Burst + 1);
        connection.Attach(new FixedObserverHandler(session));

        var run = connection.RunAsync(_ => { });
        session.Returned.Set();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(session.Handled, Is.EqualTo(Messages));
        Assert.That(session.ReturnedBeforeGate, Is.True, "RunAsync returned to its caller after the first 64 messages");
    }

    /// <summary>Masked client text frames (RFC 6455 §5.3), each carrying "{}".</summary>
    private static byte[] Frames(int count)
    {
        byte[] mask = [1, 2, 3, 4];
        var frame = new byte[] { 0x81, 0x80 | 2, mask[0], mask[1], mask[2], mask[3], (byte)('{' ^ mask[0]), (byte)('}' ^ mask[1]) };
        return [.. Enumerable.Repeat(frame, count).SelectMany(f => f)];
    }

    private sealed class GatedSession(int gateAt) : IConnectionObserver
    {
        public ManualResetEventSlim Returned { get; } = new();

        public int Handled { get; private set; }

        public bool ReturnedBeforeGate { get; private set; }

        public void OnText(ReadOnlyMemory<byte> utf8)
        {
            if (++Handled == gateAt)
            {
                // Bounded: without the yield the caller cannot return while this message is handled.
                ReturnedBeforeGate = Returned.Wait(TimeSpan.FromSeconds(2));
            }
        }

        public void OnBinary()
        {
        }

        public void OnShutdown()
        {
        }

        public void OnClosed()
        {
        }
    }
}
