using System.Net;
using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// The request head rules of docs/protocol.md §2.2 written the plain way, on strings (as the daemon
/// parsed heads before it parsed them on bytes): the model the byte parser and the router are
/// compared with on random heads. Slow and allocating on purpose; never used by the daemon.
/// </summary>
internal static class ReferenceRequestModel
{
    private const int MaxHeaders = 100;

    public sealed record Head(string Method, string Target, List<KeyValuePair<string, string>> Headers)
    {
        public string Path => Target.Split('?', 2)[0];

        public int Count(string name) => Headers.Count(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

        public string? Single(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        public IEnumerable<string> Tokens(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Status, reason, head length and head, as <see cref="RequestParser.Parse"/> reports them.</summary>
    public static (ParseStatus Status, string Reason, int HeadLength, Head? Head) Parse(byte[] data)
    {
        var window = data.Length > RequestParser.MaxHeadBytes ? data[..RequestParser.MaxHeadBytes] : data;
        var text = Encoding.Latin1.GetString(window);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return HasBareLf(text) ? Invalid("bare LF line end")
                : data.Length >= RequestParser.MaxHeadBytes ? (ParseStatus.TooLarge, "request head over 8 KiB", 0, null)
                : (ParseStatus.Incomplete, "", 0, null);
        }

        var head = text[..(end + 2)];
        if (HasBareLf(head))
        {
            return Invalid("bare LF line end");
        }

        if (head.Select((c, i) => c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i + 1 < head.Length && head[i + 1] == '\n'))).Any(bad => bad))
        {
            return Invalid("control or non-ASCII byte in head");
        }

        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[0].All(IsTokenChar))
        {
            return Invalid("malformed request line");
        }

        if (parts[2] != "HTTP/1.1")
        {
            return Invalid("only HTTP/1.1 is served");
        }

        if (!parts[1].StartsWith('/') || parts[1].StartsWith("//", StringComparison.Ordinal))
        {
            return Invalid("request target must be origin-form (/path)");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines[1..^1])
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                return Invalid("obsolete header line folding");
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !line[..colon].All(IsTokenChar))
            {
                return Invalid("malformed header line");
            }

            if (headers.Count == MaxHeaders)
            {
                return (ParseStatus.TooLarge, "request head over 8 KiB", 0, null);
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return (ParseStatus.Complete, "", end + 4, new Head(parts[0], parts[1], headers));
    }

    /// <summary>Status and reason of docs/protocol.md §1.1 and §2.2 rows 11-23 (the router's part), and the client IP.</summary>
    public static (int Status, string Reason, IPAddress Ip) Decide(Head head, IPAddress peer, IReadOnlyList<IPAddress> trustedProxies, IReadOnlyList<string> allowedOrigins, bool requireForwardedTls)
    {
        var trusted = trustedProxies.Contains(peer);
        var ip = trusted && head.Tokens("X-Forwarded-For").LastOrDefault() is { } last && IPAddress.TryParse(last.Trim('[', ']'), out var forwarded) ? (forwarded.IsIPv4MappedToIPv6 ? forwarded.MapToIPv4() : forwarded) : peer;
        var path = head.Path;
        if (path is not ("/" or "/ws" or "/ws/" or "/signal" or "/health" or "/rooms" or "/metrics" or "/ice-servers"))
        {
            return (404, "unknown path", ip);
        }

        var getOrHead = head.Method is "GET" or "HEAD";
        if (path is "/health" or "/rooms" or "/metrics" or "/ice-servers")
        {
            return getOrHead ? (200, "", ip) : (405, "method not allowed", ip);
        }

        if (head.Count("Upgrade") == 0 && getOrHead)
        {
            return path == "/" ? (200, "", ip) : (426, "WebSocket upgrade required", ip);
        }

        if (head.Method != "GET")
        {
            return (405, "method not allowed", ip);
        }

        var problem = head.Count("Host") != 1 || string.IsNullOrWhiteSpace(head.Single("Host")) ? "exactly one Host header required"
            : head.Count("Upgrade") != 1 || !head.Tokens("Upgrade").Contains("websocket", StringComparer.OrdinalIgnoreCase) ? "Upgrade: websocket required"
            : !head.Tokens("Connection").Contains("upgrade", StringComparer.OrdinalIgnoreCase) ? "Connection: Upgrade required"
            : head.Count("Sec-WebSocket-Key") != 1 || !IsValidKey(head.Single("Sec-WebSocket-Key")) ? "Sec-WebSocket-Key must be base64 of 16 bytes, once"
            : head.Count("Sec-WebSocket-Version") != 1 ? "Sec-WebSocket-Version required once"
            : head.Count("Transfer-Encoding") > 0 || head.Headers.Any(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase) && h.Value.Trim() != "0") ? "an upgrade request has no body"
            : null;
        if (problem is not null)
        {
            return (400, problem, ip);
        }

        var origin = head.Single("Origin");
        return head.Single("Sec-WebSocket-Version")!.Trim() != "13" ? (426, "unsupported WebSocket version", ip)
            : origin is not null && allowedOrigins.Count > 0 && !allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase) ? (403, "origin not allowed", ip)
            : requireForwardedTls && !(trusted && string.Equals(head.Tokens("X-Forwarded-Proto").LastOrDefault(), "https", StringComparison.OrdinalIgnoreCase)) ? (403, "TLS through a trusted proxy required", ip)
            : (101, "", ip);
    }

    private static bool IsValidKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    private static (ParseStatus, string, int, Head?) Invalid(string reason) => (ParseStatus.Invalid, reason, 0, null);

    private static bool HasBareLf(string text) => text.Select((c, i) => c == '\n' && (i == 0 || text[i - 1] != '\r')).Any(bare => bare);

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
