using System.Text.Json;
using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>The hot-path section: allocation per relayed message from `micro --quick`, and BenchmarkDotNet's table.</summary>
internal sealed class MicroSection(Measurement? quick, string? bdn)
{
    /// <summary>Averaged over 200,000 relays, a one-off runtime allocation on the thread stays below a byte per message.</summary>
    public const double NothingBytes = 1;

    public void Write(Markdown md)
    {
        md.Paragraph("The daemon's signaling core driven without sockets: `SignalingHub.Open(IConnection)` for two members of one room, "
            + "then `IConnectionObserver.OnText(utf8)` → parse → the dialect's handler → `IConnection.Send(bytes)` on a no-op "
            + "connection. Offers and answers carry an 800-byte RTCSessionDescription, candidates an RTCIceCandidate. The "
            + "outgoing message is built in a pooled buffer that goes back once every recipient's send is done, so a relay "
            + "allocates nothing; allocated is per message, from the thread's allocation counter over 200,000 relays.");
        if (quick is not null && quick.Result.TryGetProperty("cases", out var cases))
        {
            md.Table(["message", "in B", "out B", "ns/msg", "allocated B/msg", "nothing allocated"],
                cases.EnumerateArray().Select(c => (IReadOnlyList<string>)[
                    c.GetProperty("case").GetString()!, N(Get(c, "inBytes")), N(Get(c, "outBytes")), N(Get(c, "nsPerMessage")),
                    N(Get(c, "allocatedBytesPerMessage"), 1),
                    Get(c, "allocatedBytesPerMessage") < NothingBytes ? "yes" : "no",
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
