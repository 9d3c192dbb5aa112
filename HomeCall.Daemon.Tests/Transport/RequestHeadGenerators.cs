using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// Random request heads for comparing the parser and router with <see cref="ReferenceRequestModel"/>:
/// the headers the router reads, in any letter case, repeated or missing, with good and bad values,
/// and now and then a flaw the parser must refuse (bare LF, bare CR, obsolete folding, NUL,
/// non-ASCII, a malformed line, more than 100 headers, more than 8 KiB).
/// </summary>
internal static class RequestHeadGenerators
{
    // Valid choices repeated: most heads should get past the request line to the header checks.
    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST", "G(T", ""];
    private static readonly string[] Targets =
        ["/", "/ws/", "/ws", "/signal", "/ws/?roomId=a&userId=b", "/", "/ws/", "/signal", "/health", "/rooms?x", "/ice-servers", "/nope", "//evil", "*", "", "http://h/ws", "/a b"];

    private static readonly string[] Versions = ["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "http/1.1"];

    private static readonly (string Name, string[] Values)[] Headers =
    [
        ("Host", ["localhost", "", " \t", "call.example.org:443"]),
        ("Upgrade", ["websocket", "WebSocket", "h2c, websocket", "websocket2", ", ,websocket ,", ""]),
        ("Connection", ["Upgrade", "keep-alive, Upgrade", "upgrade,", "close", "Upgrade2", ""]),
        ("Sec-WebSocket-Key", ["dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAAAA==", "dGhlIHNhbXBsZSBub25jZQAA", "dGhlIHNhbXBsZSBub25j!Q==", "dGhlIHNhbXBsZSBub25jZQ=", "short", ""]),
        ("Sec-WebSocket-Version", ["13", "13", "8", " 13 ", "", "13, 8"]),
        ("Origin", ["https://call.example.org", "HTTPS://call.example.org/", "https://evil.example", "null"]),
        ("Content-Length", ["0", "1", " 0 ", "00", ""]),
        ("Transfer-Encoding", ["chunked", ""]),
        ("X-Forwarded-For", ["192.0.2.7", "198.51.100.1, 192.0.2.9", "[2001:db8::1]", "garbage", " , ", "::ffff:192.0.2.8"]),
        ("X-Forwarded-Proto", ["https", "HTTPS", "http, https", "https, http", ""]),
        ("Sec-WebSocket-Protocol", ["chat", "a, b"]),
        ("User-Agent", ["Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0"]),
        ("X-Pad", ["a"]),
    ];

    private static readonly string[] ValidUpgrade =
        ["Host: localhost", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"];

    private static readonly string[] Flaws =
    [
        "\n", "\r", "\0", "\u00e9", "\u007f", " folded", "\tfolded", "NoColon", ": empty-name", "Bad Name: x", "Host : x",
    ];

    /// <summary>A head as bytes, mostly well-formed; sometimes flawed, padded past 8 KiB or with over 100 headers.</summary>
    public static Gen<byte[]> Heads()
    {
        // Headers that must appear once are drawn less often, so extra lines often pass those checks and reach the later ones.
        var kind = Gen.Frequency(Headers.Select(h => (h.Name is "Host" or "Upgrade" or "Sec-WebSocket-Key" or "Sec-WebSocket-Version" ? 1 : 5, Gen.Constant(h))).ToArray());
        var line = kind.SelectMany(h => Gen.Zip(Gen.Elements(h.Values), RandomCase(h.Name), (v, n) => $"{n}: {v}"));
        var requestLine = Gen.Zip(Gen.Zip(Gen.Elements(Methods), Gen.Elements(Targets)), Gen.Zip(Gen.Elements(Versions), Gen.Elements(" ", " ", " ", " ", " ", " ", " ", "  ")),
            (mt, vs) => $"{mt.Item1}{vs.Item2}{mt.Item2} {vs.Item1}");
        var flaw = Gen.Frequency((30, Gen.Constant("")), (3, Gen.Elements(Flaws)), (1, Gen.Constant("MANY")), (1, Gen.Constant("HUGE")));
        var shape = Gen.Zip(Gen.Zip(flaw, Gen.Choose(0, 1000)), Gen.Elements(true, true, true, false));
        // Half the heads start from a valid upgrade's headers, so that random extra lines decide the outcome.
        var lines = Gen.Zip(Gen.Elements(true, false), line.ListOf(), (valid, extra) => valid ? [.. ValidUpgrade, .. extra] : extra.ToList());
        return Gen.Zip(Gen.Zip(requestLine, lines), shape)
            .Select(t => Build(t.Item1.Item1, [.. t.Item1.Item2], t.Item2.Item1.Item1, t.Item2.Item1.Item2, complete: t.Item2.Item2));
    }

    private static byte[] Build(string requestLine, List<string> lines, string flaw, int at, bool complete)
    {
        lines.Insert(0, requestLine);
        if (flaw == "MANY")
        {
            lines.AddRange(Enumerable.Range(0, 99 + (at % 4)).Select(i => $"X-{i}: v"));
        }
        else if (flaw.StartsWith(' ') || flaw.StartsWith('\t'))
        {
            lines.Insert(1 + (at % lines.Count), flaw); // A continuation line (obsolete folding) after any line.
        }
        else if (flaw == "HUGE")
        {
            lines.Add("X-Pad: " + new string('a', RequestParser.MaxHeadBytes - 200 + (at % 400)));
        }

        var text = string.Join("\r\n", lines) + "\r\n" + (complete ? "\r\n" : "");
        if (flaw is not ("" or "MANY" or "HUGE" or " folded" or "\tfolded"))
        {
            var position = at % (text.Length + 1);
            text = text[..position] + flaw + text[position..];
        }

        return Encoding.Latin1.GetBytes(text);
    }

    private static Gen<string> RandomCase(string name) =>
        Gen.Elements(name, name.ToLowerInvariant(), name.ToUpperInvariant(), name);
}
