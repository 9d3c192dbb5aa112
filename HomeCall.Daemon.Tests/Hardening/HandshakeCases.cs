using System.Text;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// The catalogue of request heads tried against the handshake: every malformed request
/// line and header form we could list, plus the tolerated variants that must still be
/// upgraded. Each row is one test (docs/security.md lists them).
/// </summary>
internal static class HandshakeCases
{
    public const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    public const string AllowedOrigin = "https://call.example.org";

    private const string Line = "GET / HTTP/1.1";
    private static readonly string[] Valid =
        ["Host: localhost", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + Key, "Sec-WebSocket-Version: 13"];

    public static IEnumerable<HandshakeCase> All => RequestLine.Concat(Headers).Concat(Framing).Concat(Sizes);

    private static IEnumerable<HandshakeCase> RequestLine =>
    [
        new("lower-case method", Head("get / HTTP/1.1"), 405, "Allow: GET"),
        new("POST upgrade", Head("POST / HTTP/1.1"), 405, "Allow: GET"),
        new("HEAD upgrade", Head("HEAD / HTTP/1.1"), 405, "Allow: GET"),
        new("DELETE /health", Head("DELETE /health HTTP/1.1"), 405, "Allow: GET, HEAD"),
        new("HTTP/1.0", Head("GET / HTTP/1.0"), 400),
        new("HTTP/2.0", Head("GET / HTTP/2.0"), 400),
        new("no version", Head("GET /"), 400),
        new("double space", Head("GET  / HTTP/1.1"), 400),
        new("trailing space", Head("GET / HTTP/1.1 "), 400),
        new("empty request line", Head(""), 400),
        new("leading blank line", Ascii("\r\n" + Text(Line, Valid)), 400),
        new("absolute-form URI", Head("GET http://localhost/ HTTP/1.1"), 400),
        new("absolute-form /signal", Head("GET ws://localhost/signal HTTP/1.1"), 400),
        new("network-path //", Head("GET //evil.example/ HTTP/1.1"), 400),
        new("asterisk-form", Head("GET * HTTP/1.1"), 400),
        new("authority-form", Head("CONNECT localhost:80 HTTP/1.1"), 400),
        new("non-token method", Head("G(T / HTTP/1.1"), 400),
        new("unknown path", Head("GET /nope HTTP/1.1"), 404),
        new("/signal/ (not routed)", Head("GET /signal/ HTTP/1.1"), 404),
        new("dot segments", Head("GET /ws/../signal HTTP/1.1"), 404),
        new("percent-encoded path", Head("GET /%73ignal HTTP/1.1"), 404),
        new("non-ASCII path", Utf8(Text("GET /café HTTP/1.1", Valid)), 400),
        new("query on /ws", Head("GET /ws?x=1&y HTTP/1.1"), 101),
    ];

    private static IEnumerable<HandshakeCase> Headers =>
    [
        new("Host missing", Head(Line, Without("Host")), 400),
        new("Host twice", Head(Line, Plus("Host: other")), 400),
        new("Host empty", Head(Line, Replace("Host", "")), 400),
        new("Upgrade missing on /ws", Head("GET /ws HTTP/1.1", Without("Upgrade")), 426, "Upgrade: websocket"),
        new("Upgrade missing on /signal", Head("GET /signal HTTP/1.1", Without("Upgrade")), 426, "Upgrade: websocket"),
        new("Upgrade: h2c", Head(Line, Replace("Upgrade", "h2c")), 400),
        new("Upgrade: websockets", Head(Line, Replace("Upgrade", "websockets")), 400),
        new("Upgrade twice", Head(Line, Plus("Upgrade: websocket")), 400),
        new("Upgrade: WebSocket (case)", Head(Line, Replace("Upgrade", "WebSocket")), 101),
        new("Connection missing", Head(Line, Without("Connection")), 400),
        new("Connection: keep-alive", Head(Line, Replace("Connection", "keep-alive")), 400),
        new("Connection: upgraded", Head(Line, Replace("Connection", "upgraded")), 400),
        new("Connection: keep-alive, Upgrade", Head(Line, Replace("Connection", "keep-alive, Upgrade")), 101),
        new("Key missing", Head(Line, Without("Sec-WebSocket-Key")), 400),
        new("Key empty", Head(Line, Replace("Sec-WebSocket-Key", "")), 400),
        new("Key 23 chars", Head(Line, Replace("Sec-WebSocket-Key", Key[..23])), 400),
        new("Key 25 chars", Head(Line, Replace("Sec-WebSocket-Key", Key + "A")), 400),
        new("Key of 15 bytes", Head(Line, Replace("Sec-WebSocket-Key", Convert.ToBase64String(new byte[15]))), 400),
        new("Key of 17 bytes (24 chars)", Head(Line, Replace("Sec-WebSocket-Key", Convert.ToBase64String(new byte[17]))), 400),
        new("Key of 18 bytes (24 chars)", Head(Line, Replace("Sec-WebSocket-Key", Convert.ToBase64String(new byte[18]))), 400),
        new("Key with non-base64 char", Head(Line, Replace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ!=")), 400),
        new("Key with inner space", Head(Line, Replace("Sec-WebSocket-Key", "dGhlIHNhbXBs ZSBub25jZQ==")), 400),
        new("Key twice (same value)", Head(Line, Plus("Sec-WebSocket-Key: " + Key)), 400),
        new("two keys in one header", Head(Line, Replace("Sec-WebSocket-Key", Key + ", " + Key)), 400),
        new("Key with outer spaces", Head(Line, Replace("Sec-WebSocket-Key", "  " + Key + "  ")), 101),
        new("Version missing", Head(Line, Without("Sec-WebSocket-Version")), 400),
        new("Version 8", Head(Line, Replace("Sec-WebSocket-Version", "8")), 426, "Sec-WebSocket-Version: 13"),
        new("Version empty", Head(Line, Replace("Sec-WebSocket-Version", "")), 426, "Sec-WebSocket-Version: 13"),
        new("Version list 13, 8", Head(Line, Replace("Sec-WebSocket-Version", "13, 8")), 426, "Sec-WebSocket-Version: 13"),
        new("Version twice", Head(Line, Plus("Sec-WebSocket-Version: 13")), 400),
        new("lower-case header names", Ascii(Text(Line, Valid.Select(h => h.Split(':')[0].ToLowerInvariant() + ":" + h.Split(':', 2)[1]))), 101),
        new("Origin not allowed", Head(Line, Plus("Origin: https://evil.example")), 403),
        new("Origin null", Head(Line, Plus("Origin: null")), 403),
        new("Origin allowed", Head(Line, Plus("Origin: " + AllowedOrigin)), 101),
        new("Origin allowed with slash", Head(Line, Plus("Origin: " + AllowedOrigin + "/")), 101),
        new("subprotocol offered", Head(Line, Plus("Sec-WebSocket-Protocol: chat")), 101),
        new("permessage-deflate offered", Head(Line, Plus("Sec-WebSocket-Extensions: permessage-deflate")), 101),
    ];

    private static IEnumerable<HandshakeCase> Framing =>
    [
        new("Transfer-Encoding chunked", Head(Line, Plus("Transfer-Encoding: chunked")), 400),
        new("Content-Length 5 with body", [.. Head(Line, Plus("Content-Length: 5")), .. "hello"u8.ToArray()], 400),
        new("Content-Length -1", Head(Line, Plus("Content-Length: -1")), 400),
        new("Content-Length 0", Head(Line, Plus("Content-Length: 0")), 101),
        new("bare LF everywhere", Ascii(Text(Line, Valid).Replace("\r\n", "\n", StringComparison.Ordinal)), 400),
        new("one bare LF", Ascii(Text(Line, Valid).Replace("Upgrade\r\n", "Upgrade\n", StringComparison.Ordinal)), 400),
        new("bare CR in a value", Head(Line, Plus("X-Note: a\rb")), 400),
        new("NUL in a value", Head(Line, Plus("X-Note: a\0b")), 400),
        new("DEL in a value", Head(Line, Plus("X-Note: a\u007Fb")), 400),
        new("ESC in a value", Head(Line, Plus("X-Note: a\u001Bb")), 400),
        new("UTF-8 in a value", Utf8(Text(Line, Plus("X-Note: é"))), 400),
        new("Latin-1 byte in a value", [.. Head(Line, Plus("X-Note: a")).SkipLast(4), 0xE9, .. "\r\n\r\n"u8.ToArray()], 400),
        new("tab in a value", Head(Line, Plus("X-Note: a\tb")), 101),
        new("header without colon", Head(Line, Plus("X-Note")), 400),
        new("space before colon", Head(Line, Plus("Host : localhost")), 400),
        new("empty header name", Head(Line, Plus(": x")), 400),
        new("obsolete line folding", Head(Line, Plus("X-Note: a", " folded")), 400),
        new("non-token header name", Head(Line, Plus("X(y): 1")), 400),
    ];

    private static IEnumerable<HandshakeCase> Sizes =>
    [
        new("101 headers", Head(Line, Plus(Enumerable.Range(0, 96).Select(i => "X-N" + i + ": v").ToArray())), 431),
        new("one 9 KiB header", Head(Line, Plus("X-Big: " + new string('a', 9 * 1024))), 431),
        new("9 KiB URI", Head("GET /?" + new string('a', 9 * 1024) + " HTTP/1.1"), 431),
        new("head of exactly 8192 bytes", PaddedTo(8192), 101),
        new("head of 8193 bytes", PaddedTo(8193), 431),
    ];

    public static string Text(string requestLine, IEnumerable<string> headers) =>
        requestLine + "\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    private static byte[] Head(string requestLine, IEnumerable<string>? headers = null) => Ascii(Text(requestLine, headers ?? Valid));

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Without(string name) => Valid.Where(h => !h.StartsWith(name + ":", StringComparison.Ordinal)).ToArray();

    private static string[] Replace(string name, string value) =>
        Valid.Select(h => h.StartsWith(name + ":", StringComparison.Ordinal) ? name + ": " + value : h).ToArray();

    private static string[] Plus(params string[] lines) => [.. Valid, .. lines];

    /// <summary>A valid upgrade whose head is exactly <paramref name="total"/> bytes (docs/protocol.md §2.2: at most 8 KiB).</summary>
    private static byte[] PaddedTo(int total)
    {
        var bare = Text(Line, Plus("X-Pad: ")).Length;
        return Head(Line, Plus("X-Pad: " + new string('p', total - bare)));
    }
}
