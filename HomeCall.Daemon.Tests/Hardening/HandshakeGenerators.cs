using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>Generators for handshake fuzzing: bytes shaped like HTTP heads, and valid heads broken at random.</summary>
internal static class HandshakeGenerators
{
    private static readonly string[] Fragments =
    [
        "GET ", "POST ", "/ ", "/ws/ ", "/signal ", "HTTP/1.1", "\r\n", "\n", "\r", ": ", ":", " ", "\t",
        "Host: localhost", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: ", "Content-Length: 1",
        "Transfer-Encoding: chunked", "\r\n\r\n", "==", "é", "\0",
    ];

    /// <summary>Mostly HTTP-ish fragments, sometimes arbitrary bytes, so the parser's deeper paths are reached.</summary>
    public static Gen<byte[]> HeadLikeBytes()
    {
        var fragment = Gen.Elements(Fragments).Select(f => Encoding.UTF8.GetBytes(f));
        var anyBytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        var padding = Gen.Choose(1000, 9000).Select(n => Enumerable.Repeat((byte)'x', n).ToArray()); // Reaches the 8 KiB limit.
        var piece = Gen.Frequency((40, fragment), (10, anyBytes), (1, padding));
        return piece.ListOf().Select(parts => parts.SelectMany(p => p).ToArray());
    }

    /// <summary>A valid head after 1-4 random edits: delete, duplicate, overwrite, insert, truncate, lower-case.</summary>
    public static Gen<byte[]> Mutations(byte[] seed)
    {
        var edit = Gen.Zip(Gen.Zip(Gen.Choose(0, 5), Gen.Choose(0, seed.Length - 1)), Gen.Choose(0, 255), (opAt, value) => (opAt.Item1, opAt.Item2, value));
        return Gen.Choose(1, 4).SelectMany(n => edit.ArrayOf(n)).Select(edits => edits.Aggregate(seed, Apply));
    }

    private static byte[] Apply(byte[] head, (int Op, int At, int Value) edit)
    {
        if (head.Length == 0)
        {
            return head;
        }

        var at = edit.At % head.Length;
        var b = (byte)edit.Value;
        return edit.Op switch
        {
            0 => [.. head[..at], .. head[(at + 1)..]],
            1 => [.. head[..at], .. Line(head, at), .. head[at..]],
            2 => [.. head[..at], b, .. head[(at + 1)..]],
            3 => [.. head[..at], b, .. head[at..]],
            4 => head[..at],
            _ => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(head).ToLowerInvariant()),
        };
    }

    /// <summary>The CRLF-terminated line that contains position <paramref name="at"/> (to duplicate it).</summary>
    private static byte[] Line(byte[] head, int at)
    {
        var start = Array.LastIndexOf(head, (byte)'\n', Math.Max(at - 1, 0)) + 1;
        var end = Array.IndexOf(head, (byte)'\n', at);
        return end < 0 ? head[start..] : head[start..(end + 1)];
    }
}
