using System.Net.WebSockets;
using HomeCall.Bench.Net;

namespace HomeCall.Bench.Load;

/// <summary>
/// Keeps idle connections reading (a pending receive is what answers the server's pings) and
/// counts the ones that end before the run closes them.
/// </summary>
internal sealed class IdleHolder
{
    private long _open;
    private long _dropped;
    private volatile bool _closing;

    public long Open => Interlocked.Read(ref _open);

    public long Dropped => Interlocked.Read(ref _dropped);

    public string? FirstDrop { get; private set; }

    public void BeginClosing() => _closing = true;

    public async Task HoldAsync(BenchClient client, CancellationToken ct)
    {
        Interlocked.Increment(ref _open);
        string? reason = null;
        try
        {
            while (await client.ReceiveAsync(ct).ConfigureAwait(false) is { } message)
            {
                if (Dialects.MessageScan.IsError(message.Span))
                {
                    reason ??= Dialects.MessageScan.Text(message.Span);
                }
            }

            reason ??= "closed by the server";
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            reason ??= ex.Message;
        }

        Interlocked.Decrement(ref _open);
        if (!_closing)
        {
            Interlocked.Increment(ref _dropped);
            FirstDrop ??= reason;
        }
    }
}
