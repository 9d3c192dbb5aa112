using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// Where browsers reach the daemon: directly (ws://127.0.0.1:port) or through a TLS proxy
/// (https://host/ws/ for the page, wss://host/ws/ and wss://host/signal, docs/protocol.md §1).
/// </summary>
internal sealed record SignalingUrls(Uri SelfTestPage, Uri Room, Uri Signal)
{
    public static SignalingUrls Direct(TestServer server) =>
        new(server.Http("/"), server.Ws("/ws/"), server.Ws("/signal"));

    /// <summary>Through a deploy/ sample: the page at https://host/ws/, /ws/ and /signal over wss:// (docs/protocol.md §1).</summary>
    public static SignalingUrls ThroughProxy(ReverseProxy proxy) =>
        new(proxy.Https("/ws/"), proxy.Wss("/ws/"), proxy.Wss("/signal"));

    /// <summary>The room endpoint with a query (mesh identifies itself in the URL, docs/protocol.md §6).</summary>
    public Uri RoomWithQuery(string query) => new UriBuilder(Room) { Query = query }.Uri;
}
