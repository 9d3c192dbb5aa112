using System.Text.Json;
using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>The hot-path section: allocation per relayed message from `micro --quick`, and BenchmarkDotNet's table.</summary>
internal sealed class MicroSection(Measurement? quick, string? bdn)
{
    /// <summary>Two objects take at least 2 × 24 bytes, so fewer extra bytes than this is at most one extra allocation.</summary>
    public const int TwoObjectsBytes = 48;

    public void Write(Markdown md)
    {
        md.Paragraph("The daemon's signaling core driven without sockets: `SignalingHub.Open(IConnection)` for two members of one room, "
            + "then `IConnectionObserver.OnText(utf8)` → parse → the dialect's handler → `IConnection.Send(bytes)` on a no-op "
            + "connection. Offers and answers carry an 800-byte RTCSessionDescription, candidates an RTCIceCandidate. The one "
            + "allocation a relay needs is the outgoing message (a byte[] of its length: 24 bytes of header, 8-byte aligned); "
            + "\"extra\" is everything allocated beyond it, per message, from the thread's allocation counter over 200,000 relays.");
        if (quick is not null && quick.Result.TryGetProperty("cases", out var cases))
        {
            md.Table(["message", "in B", "out B", "ns/msg", "allocated B/msg", "outgoing buffer B", "extra B/msg", "≤ 1 extra object"],
                cases.EnumerateArray().Select(c => (IReadOnlyList<string>)[
                    c.GetProperty("case").GetString()!, N(Get(c, "inBytes")), N(Get(c, "outBytes")), N(Get(c, "nsPerMessage")),
                    N(Get(c, "allocatedBytesPerMessage"), 1), N(Get(c, "outgoingBufferBytes")), N(Get(c, "extraBytesPerMessage"), 1),
                    Get(c, "extraBytesPerMessage") < TwoObjectsBytes ? "yes" : "no",
                ]));
        }

        if (bdn is not null)
        {
            md.Paragraph("BenchmarkDotNet (in-process, 2 warm-ups, 6 iterations of 100 ms; `Relay` = the whole path above, `Parse` = "
                + "`MessageParser.TryParse` alone; Allocated = bytes per operation). Run it alone with "
                + "`dotnet bench/HomeCall.Bench/bin/Release/net10.0/HomeCall.Bench.dll micro`.").Raw(bdn);
        }
    }

    public static double Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
