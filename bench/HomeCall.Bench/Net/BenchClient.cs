using System.Net.WebSockets;
using HomeCall.Bench.Dialects;

namespace HomeCall.Bench.Net;

/// <summary>
/// One client connection: whole text messages in, text messages out. A received message
/// lives in the client's own buffer until the next receive (no copy per message).
/// </summary>
/// <param name="deadlineInToken">
/// true when every token the caller passes already carries the deadline of the step (churn:
/// one timer per session), so the client adds no timer of its own per step
/// </param>
internal sealed class BenchClient(WebSocket ws, int receiveBuffer, bool deadlineInToken = false) : IDisposable
{
    /// <summary>How long a join or a close may take before the client gives up on it.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    private byte[] _buffer = new byte[receiveBuffer];

    public WebSocketState State => ws.State;

    /// <summary>The next whole message, or null once the server closed (or the socket ended).</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await ws.ReceiveAsync(_buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsMemory(0, length);
            }
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct) =>
        ws.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, ct);

    /// <summary>
    /// Reads until a message of <paramref name="type"/> arrives and returns a copy of it;
    /// an `error` from the server, a close, or <see cref="StepTimeout"/> is an exception.
    /// </summary>
    public async Task<byte[]> ExpectAsync(string type, CancellationToken ct)
    {
        if (deadlineInToken)
        {
            return await ExpectWithinAsync(type, ct).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StepTimeout);
        return await ExpectWithinAsync(type, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Sends our close frame; the receive loop then sees the server's close and ends.</summary>
    public async Task CloseOutputAsync()
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            ws.Abort();
        }
    }

    /// <summary>
    /// The full close handshake (no receive loop may be running) (RFC 6455 §7.1.2: our close frame, the server's close frame, then
    /// the server ends the TCP connection), within <see cref="StepTimeout"/> or the caller's
    /// deadline; a close that fails aborts the socket.
    /// </summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        using var timeout = deadlineInToken ? null : CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout?.CancelAfter(StepTimeout);
        try
        {
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout?.Token ?? ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            ws.Abort();
        }
    }

    public void Abort() => ws.Abort();

    private async Task<byte[]> ExpectWithinAsync(string type, CancellationToken ct)
    {
        while (true)
        {
            var message = await ReceiveAsync(ct).ConfigureAwait(false)
                ?? throw new WebSocketException($"closed by the server while waiting for '{type}'");
            var got = MessageScan.TypeSpan(message.Span);
            if (System.Text.Ascii.Equals(got, type))
            {
                return message.ToArray();
            }

            if (got.SequenceEqual("error"u8))
            {
                throw new WebSocketException($"server error while waiting for '{type}': {MessageScan.Text(message.Span)}");
            }
        }
    }

    public void Dispose() => ws.Dispose();
}
