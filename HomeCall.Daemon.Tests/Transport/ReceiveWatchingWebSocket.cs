using System.Net.WebSockets;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// A WebSocket that passes everything to the framing layer's and tells whether a receive is
/// pending in it (an idle connection should hold none).
/// </summary>
internal sealed class ReceiveWatchingWebSocket(WebSocket inner) : WebSocket
{
    private int _pending;

    public bool ReceivePending => Volatile.Read(ref _pending) > 0;

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        WatchAsync(inner.ReceiveAsync(buffer, cancellationToken));

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the connection receives into memory");

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => inner.Abort();

    public override void Dispose() => inner.Dispose();

    private async ValueTask<ValueWebSocketReceiveResult> WatchAsync(ValueTask<ValueWebSocketReceiveResult> receive)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            return await receive.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}
