namespace HomeCall.Bench.Net;

/// <summary>
/// The upgrade request head the load generator sends: the headers a browser's `new WebSocket(url)`
/// sends (RFC 6455 §4.1 plus what every browser adds: Origin, User-Agent, caching, encodings,
/// languages and the permessage-deflate offer), in a browser's order. Servers parse every one of
/// them on each connection, so a bare five-header request would make the set-up look cheaper than
/// what users' calls cost. No server measured here accepts the deflate offer.
/// </summary>
internal static class UpgradeRequest
{
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

    public static string For(Uri url, string keyBase64)
    {
        var origin = (url.Scheme == "wss" ? "https://" : "http://") + url.Authority;
        return $"GET {url.PathAndQuery} HTTP/1.1\r\n"
            + $"Host: {url.Authority}\r\n"
            + "Connection: Upgrade\r\n"
            + "Pragma: no-cache\r\n"
            + "Cache-Control: no-cache\r\n"
            + $"User-Agent: {UserAgent}\r\n"
            + "Upgrade: websocket\r\n"
            + $"Origin: {origin}\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + $"Sec-WebSocket-Key: {keyBase64}\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            + "\r\n";
    }
}
