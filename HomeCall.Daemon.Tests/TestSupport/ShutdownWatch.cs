using System.Net.WebSockets;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Reads one client until the server closes it, answering the close as a browser does,
/// and records what the end looked like: whether `shutting-down` came first, and the
/// close status (null when the connection was cut without a close frame). A talker
/// also echoes offers to itself, so each round trip paces the next send (load without sleeps).
/// </summary>
internal sealed class ShutdownWatch(WsClient client, string? talkAs)
{
    public bool SawShuttingDown { get; private set; }

    public int? CloseStatus { get; private set; }

    public int Echoes { get; private set; }

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public async Task RunAsync()
    {
        try
        {
            if (talkAs is not null)
            {
                await SendOfferAsync();
            }

            while (await client.ReceiveTextAsync(Wait) is { } text)
            {
                await OnMessageAsync(JsonDocument.Parse(text).RootElement);
            }

            CloseStatus = (int?)client.Socket.CloseStatus;
            await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Cut without a close frame: CloseStatus stays null.
        }
    }

    private async Task OnMessageAsync(JsonElement message)
    {
        var type = message.GetProperty("type").GetString();
        if (type == "error" && message.GetProperty("code").GetString() == "shutting-down")
        {
            SawShuttingDown = true;
        }
        else if (type == "offer" && talkAs is not null && !SawShuttingDown)
        {
            Echoes++;
            await SendOfferAsync();
        }
    }

    private async Task SendOfferAsync()
    {
        try
        {
            await client.SendAsync(new { type = "offer", to = talkAs, sdp = "v=0 load" });
        }
        catch (WebSocketException)
        {
            // The server is closing: the receive loop sees the end.
        }
    }
}
