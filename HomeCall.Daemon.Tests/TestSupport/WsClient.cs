using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A real <see cref="ClientWebSocket"/> with JSON helpers, straight to the daemon (ws://) or
/// through a test TLS proxy (wss://, trusting only its self-signed certificate, optionally from
/// another loopback source address with extra request headers). Every wait is bounded so a
/// broken server fails the test instead of hanging it.
/// </summary>
internal sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _ws;
    private readonly HttpMessageInvoker? _invoker;

    private WsClient(ClientWebSocket ws, HttpMessageInvoker? invoker)
    {
        _ws = ws;
        _invoker = invoker;
    }

    public WebSocket Socket => _ws;

    public static async Task<WsClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new WsClient(new ClientWebSocket(), null);
        configure?.Invoke(client._ws.Options);
        using var cts = new CancellationTokenSource(DefaultWait);
        await client._ws.ConnectAsync(uri, cts.Token);
        return client;
    }

    /// <summary>Connects through <paramref name="proxy"/> (wss://), from <paramref name="source"/> when given, with extra request headers.</summary>
    public static async Task<WsClient> ConnectAsync(ReverseProxy proxy, string pathAndQuery, IPAddress? source = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = new WsClient(ProxiedSocket(headers), new HttpMessageInvoker(proxy.CreateHandler(source)));
        using var cts = new CancellationTokenSource(DefaultWait);
        await client._ws.ConnectAsync(proxy.Wss(pathAndQuery), client._invoker, cts.Token);
        return client;
    }

    /// <summary>The HTTP status of an upgrade through <paramref name="proxy"/> (101 when it was accepted).</summary>
    public static async Task<int> UpgradeStatusAsync(ReverseProxy proxy, string pathAndQuery)
    {
        using var ws = ProxiedSocket(null);
        using var invoker = new HttpMessageInvoker(proxy.CreateHandler());
        ws.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(DefaultWait);
        try
        {
            await ws.ConnectAsync(proxy.Wss(pathAndQuery), invoker, cts.Token);
        }
        catch (WebSocketException)
        {
            // The status below says why.
        }

        return (int)ws.HttpStatusCode;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var cts = new CancellationTokenSource(DefaultWait);
        await _ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next message as JSON; fails if none arrives in time or the connection closes.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? wait = null)
    {
        var text = await ReceiveTextAsync(wait) ?? throw new AssertionException($"connection closed ({_ws.CloseStatus}) while a message was expected");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The next text message, or null when the server closed the connection.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _ws.ReceiveAsync(buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new AssertionException("no message from the server within " + (wait ?? DefaultWait));
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Reads messages until one of <paramref name="type"/> arrives, returning it.</summary>
    public async Task<JsonElement> ReceiveTypeAsync(string type)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Reads (and drops) messages until the server's close frame; returns its status.</summary>
    public async Task<int?> WaitForCloseAsync(TimeSpan? wait = null)
    {
        try
        {
            while (await ReceiveTextAsync(wait) is not null)
            {
            }
        }
        catch (WebSocketException)
        {
            return null; // Aborted without a close frame.
        }

        return (int?)_ws.CloseStatus;
    }

    public async Task CloseAsync()
    {
        // Answer a close the server already sent too, so it need not wait out its close timeout.
        if (_ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var cts = new CancellationTokenSource(DefaultWait);
            await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _ws.Dispose();
        _invoker?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A socket for the proxy: an HTTP/1.1 upgrade (RFC 6455 §4.1) with extra request headers.</summary>
    private static ClientWebSocket ProxiedSocket(IReadOnlyDictionary<string, string>? headers)
    {
        var ws = new ClientWebSocket();
        ws.Options.HttpVersion = HttpVersion.Version11;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            ws.Options.SetRequestHeader(name, value);
        }

        return ws;
    }
}
