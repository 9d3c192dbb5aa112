using System.Net;
using HomeCall.Daemon.Transport;

namespace HomeCall.Bench.Micro;

/// <summary>
/// An <see cref="IConnection"/> with no socket: Send only notes what was queued, so the
/// micro-benchmarks measure parse → dispatch → write and nothing of the transport.
/// </summary>
internal sealed class NullConnection(long id, EndpointKind endpoint, string query) : IConnection
{
    public long Id { get; } = id;

    public IPAddress RemoteIp { get; } = IPAddress.Loopback;

    public EndpointKind Endpoint { get; } = endpoint;

    public string Query { get; } = query;

    public Serilog.ILogger Log { get; } = Serilog.Core.Logger.None;

    public long Sends { get; private set; }

    public int LastLength { get; private set; }

    /// <summary>A copy of the last message, kept only while a fixture sets up (never in the measured loop).</summary>
    public byte[]? Last { get; private set; }

    public bool KeepLast { get; set; } = true;

    public bool Send(ReadOnlyMemory<byte> utf8Json)
    {
        Sends++;
        LastLength = utf8Json.Length;
        if (KeepLast)
        {
            Last = utf8Json.ToArray();
        }

        return true;
    }

    public void Close(int status, string reason) => throw new InvalidOperationException($"closed with {status} ({reason}) during a micro-benchmark");
}
