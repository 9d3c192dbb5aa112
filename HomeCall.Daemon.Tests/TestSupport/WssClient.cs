using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A <see cref="ClientWebSocket"/> through the test Apache: trusts only its self-signed
/// certificate, and can connect from another loopback source address (127.0.0.2) with
/// extra request headers, to see what the daemon makes of X-Forwarded-* behind the proxy.
/// </summary>
internal sealed class WssClient : IAsyncDisposable
{
    private readonly ClientWebSocket _ws;
    private readonly HttpMessageInvoker _invoker;

    private WssClient(ClientWebSocket ws, HttpMessageInvoker invoker)
    {
        _ws = ws;
        _invoker = invoker;
    }

    public static async Task<WssClient> ConnectAsync(ApacheProxy proxy, string pathAndQuery, IPAddress? source = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (ws, invoker) = Create(proxy, source, headers);
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        await ws.ConnectAsync(proxy.Wss(pathAndQuery), invoker, cts.Token);
        return new WssClient(ws, invoker);
    }

    /// <summary>The HTTP status of an upgrade the proxy refused (101 when it was accepted).</summary>
    public static async Task<int> UpgradeStatusAsync(ApacheProxy proxy, string pathAndQuery)
    {
        var (ws, invoker) = Create(proxy, null, null);
        using (ws)
        using (invoker)
        {
            ws.Options.CollectHttpResponseDetails = true;
            using var cts = new CancellationTokenSource(WsClient.DefaultWait);
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
    }

    /// <summary>An HTTPS client for plain GETs through the proxy.</summary>
    public static HttpClient HttpClient(ApacheProxy proxy) => new(Handler(proxy, null));

    public async Task SendAsync(object message)
    {
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        await _ws.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cts.Token);
    }

    public async Task<JsonElement> ReceiveAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? WsClient.DefaultWait);
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
                throw new AssertionException("no message through the proxy within " + (wait ?? WsClient.DefaultWait));
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new AssertionException($"connection closed ({_ws.CloseStatus}) while a message was expected");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads messages until one of <paramref name="type"/> arrives.</summary>
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

    public ValueTask DisposeAsync()
    {
        _ws.Dispose();
        _invoker.Dispose();
        return ValueTask.CompletedTask;
    }

    private static (ClientWebSocket, HttpMessageInvoker) Create(ApacheProxy proxy, IPAddress? source, IReadOnlyDictionary<string, string>? headers)
    {
        var ws = new ClientWebSocket();
        ws.Options.HttpVersion = HttpVersion.Version11;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            ws.Options.SetRequestHeader(name, value);
        }

        return (ws, new HttpMessageInvoker(Handler(proxy, source)));
    }

    private static SocketsHttpHandler Handler(ApacheProxy proxy, IPAddress? source)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => proxy.Certificate.Matches(certificate);
        if (source is not null)
        {
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}
