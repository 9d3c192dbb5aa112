using System.Security.Cryptography;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Transport;

namespace HomeCall.Bench.Micro;

/// <summary>
/// The daemon's signaling core with two socketless members in one room of the case's
/// dialect, joined exactly as clients join: <see cref="Relay"/> then runs the real hot path
/// SignalingHub session → OnText(utf8) → parse → dialect handler → IConnection.Send(bytes).
/// </summary>
internal sealed class HotPathFixture : IDisposable
{
    private const string SessionId = "5b0c7f4e-8f5a-4c1e-9d36-2f1b8c4a7e10";

    private readonly SignalingHub _hub;
    private readonly IConnectionObserver _sender;
    private readonly byte[] _message;

    public HotPathFixture(RelayCase relayCase)
    {
        // No rate limit: the benchmark sends far faster than any client may.
        var options = new DaemonOptions { RateLimitPerSecond = int.MaxValue, RateLimitBurst = int.MaxValue };
        // Any key: fingerprints are computed once per room, outside the measured relay.
        var fingerprints = new RoomFingerprinter(RandomNumberGenerator.GetBytes(RoomFingerprinter.KeyBytes));
        _hub = new SignalingHub(options, fingerprints, TimeProvider.System, new DaemonMetrics(), Serilog.Core.Logger.None);
        var name = relayCase.ToString();
        var endpoint = name.StartsWith("Session", StringComparison.Ordinal) ? EndpointKind.Signal : EndpointKind.Room;
        var mesh = name.StartsWith("Mesh", StringComparison.Ordinal);
        Sender = new NullConnection(1, endpoint, mesh ? "roomId=bench&userId=u0&userName=A" : "");
        Receiver = new NullConnection(2, endpoint, mesh ? "roomId=bench&userId=u1&userName=B" : "");
        _sender = _hub.Open(Sender);
        var receiver = _hub.Open(Receiver);
        Join(relayCase, _sender, receiver);
        _message = RelayMessages.For(relayCase, SessionId);
        Check(relayCase);
        Sender.KeepLast = false;
        Receiver.KeepLast = false;
    }

    public NullConnection Sender { get; }

    public NullConnection Receiver { get; }

    public byte[] Message => _message;

    /// <summary>One relayed message: what the transport does for each text frame it receives.</summary>
    public void Relay() => _sender.OnText(_message);

    public void Dispose() => _hub.Dispose();

    private void Join(RelayCase relayCase, IConnectionObserver sender, IConnectionObserver receiver)
    {
        switch (relayCase)
        {
            case RelayCase.NumericSignal:
                sender.OnText("{\"type\":\"create\"}"u8.ToArray());
                var roomId = Dialects.Json.StringField(Sender.Last!, "roomId");
                receiver.OnText(Dialects.Json.Object(("type", "join"), ("roomId", roomId)));
                break;
            case RelayCase.HomecallOffer or RelayCase.HomecallAnswer or RelayCase.HomecallCandidate:
                sender.OnText("{\"type\":\"join\",\"room\":\"bench\",\"user\":\"u0\"}"u8.ToArray());
                receiver.OnText("{\"type\":\"join\",\"room\":\"bench\",\"user\":\"u1\"}"u8.ToArray());
                break;
            case RelayCase.SessionOffer or RelayCase.SessionAnswer or RelayCase.SessionCandidate:
                sender.OnText(Dialects.Json.Object(("type", "join"), ("room", SessionId), ("user", "u0")));
                receiver.OnText(Dialects.Json.Object(("type", "join"), ("room", SessionId), ("user", "u1")));
                break;
        }
    }

    /// <summary>The case must really relay (a benchmark of an error reply would measure the wrong path).</summary>
    private void Check(RelayCase relayCase)
    {
        var before = Receiver.Sends;
        var senderBefore = Sender.Sends;
        Relay();
        if (Receiver.Sends != before + 1 || Sender.Sends != senderBefore)
        {
            var got = Sender.Last is null ? "nothing" : System.Text.Encoding.UTF8.GetString(Sender.Last);
            throw new InvalidOperationException($"{relayCase} did not relay (sender got {got})");
        }
    }
}
