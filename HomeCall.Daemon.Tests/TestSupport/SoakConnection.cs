using System.Net.WebSockets;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One WebSocket of a soak peer: a receive loop that runs until the server's close frame,
/// handing each message to the peer's ledger, and an orderly end (optional `leave`, our
/// close, then everything the server still sends, up to its close, is read).
/// </summary>
internal sealed class SoakConnection : IAsyncDisposable
{
    private readonly WsClient _client;
    private readonly Action<JsonElement> _onMessage;
    private readonly Action<string> _onProblem;
    private readonly Task _receiving;

    private SoakConnection(WsClient client, Action<JsonElement> onMessage, Action<string> onProblem, TimeSpan idleLimit)
    {
        _client = client;
        _onMessage = onMessage;
        _onProblem = onProblem;
        _receiving = ReceiveAsync(idleLimit);
    }

    public static async Task<SoakConnection> OpenAsync(Uri uri, Action<JsonElement> onMessage, Action<string> onProblem, TimeSpan idleLimit) =>
        new(await WsClient.ConnectAsync(uri), onMessage, onProblem, idleLimit);

    public Task SendAsync(object message) => _client.SendAsync(message);

    /// <summary>Ends the connection without losing what the server accepted before it saw our close.</summary>
    public async Task EndAsync(object? leave)
    {
        if (leave is not null)
        {
            await _client.SendAsync(leave);
        }

        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        await _client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
        await _receiving.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private async Task ReceiveAsync(TimeSpan idleLimit)
    {
        try
        {
            while (await _client.ReceiveTextAsync(idleLimit) is { } text)
            {
                _onMessage(JsonDocument.Parse(text).RootElement);
            }

            if (_client.Socket.CloseStatus != WebSocketCloseStatus.NormalClosure)
            {
                _onProblem("closed by the server with " + _client.Socket.CloseStatus);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or AssertionException)
        {
            _onProblem("receive failed: " + ex.Message);
        }
    }
}
