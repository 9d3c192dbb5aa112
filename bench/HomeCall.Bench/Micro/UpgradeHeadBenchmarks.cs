using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using HomeCall.Bench.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Bench.Micro;

/// <summary>
/// BenchmarkDotNet: what the daemon does with a browser's upgrade request head once it has
/// arrived (docs/protocol.md §2), with allocated bytes per connection (MemoryDiagnoser):
/// `Parse` is the parser alone; `Upgrade` is parse → route and check → the strings an accepted
/// upgrade keeps → the 101 answer, as RequestHandler does it. (Public and unsealed: BenchmarkDotNet requires it.)
/// </summary>
[MemoryDiagnoser]
public class UpgradeHeadBenchmarks
{
    private static readonly IPAddress Peer = IPAddress.Loopback;

    private readonly byte[] _head = Encoding.ASCII.GetBytes(UpgradeRequest.For(new Uri("ws://127.0.0.1:8080/"), "dGhlIHNhbXBsZSBub25jZQ=="));
    private readonly RequestRouter _router = new(new DaemonOptions());
    private readonly byte[] _answer = new byte[Handshake.SwitchingProtocolsLength]; // The daemon rents it from the shared pool.

    [Benchmark]
    public int Parse() => RequestParser.Parse(_head).HeadLength;

    [Benchmark]
    public int Upgrade()
    {
        var head = RequestParser.Parse(_head).Head!;
        var decision = _router.Decide(head, Peer);
        if (!decision.IsUpgrade)
        {
            throw new InvalidOperationException($"the benchmark's head was refused: {decision.Status} {decision.Reason}");
        }

        var kept = head.Path.Length + head.Query.Length + (head.Origin?.Length ?? 0);
        head.TryGetValue(HeaderName.SecWebSocketKey, out var key);
        return decision.Status + kept + Handshake.WriteSwitchingProtocols(key, _answer);
    }
}
