namespace HomeCall.Daemon.Transport;

/// <summary>Where the method and the target lie in a request line (RFC 9112 §3): <c>METHOD SP target SP HTTP/1.1</c>.</summary>
internal readonly record struct RequestLine(int MethodLength, int TargetStart, int TargetLength)
{
    /// <summary>The parts of <paramref name="line"/>, or a reason (docs/protocol.md §2.2 rows 6-8) when it is refused.</summary>
    public static RequestLine Parse(ReadOnlySpan<byte> line, out string? reason)
    {
        var first = line.IndexOf((byte)' ');
        var second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)' ') is var rel and >= 0 ? first + 1 + rel : -1;
        if (second < 0 || line[(second + 1)..].Contains((byte)' ') || !RequestParser.IsToken(line[..first]))
        {
            reason = "malformed request line";
            return default;
        }

        if (!line[(second + 1)..].SequenceEqual("HTTP/1.1"u8))
        {
            reason = "only HTTP/1.1 is served";
            return default;
        }

        var target = line[(first + 1)..second];
        if (target.IsEmpty || target[0] != (byte)'/' || target.StartsWith("//"u8))
        {
            reason = "request target must be origin-form (/path)";
            return default;
        }

        reason = null;
        return new RequestLine(first, first + 1, target.Length);
    }
}
