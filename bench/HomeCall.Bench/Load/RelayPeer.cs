using System.Diagnostics;
using System.Net.WebSockets;
using HomeCall.Bench.Dialects;
using HomeCall.Bench.Net;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Load;

/// <summary>
/// One side of a relay pair. Every relayed message it receives is checked (sequence from its
/// peer, no gap, no reordering), timed (one-way: the stamp is this process's Stopwatch), and
/// answered with its own next message until the run stops, so each pair keeps exactly its
/// window of messages in flight (a closed loop).
/// </summary>
internal sealed class RelayPeer(BenchClient client, RelayTemplate template, RunClock clock)
{
    private long _sent;
    private long _received;
    private long _windowReceived;
    private long _expected;

    public BenchClient Client => client;

    /// <summary>Bytes of one message this peer sends, and of its payload object.</summary>
    public int MessageBytes => template.Bytes.Length;

    public int PayloadBytes => template.PayloadBytes;

    public LatencyHistogram Latency { get; } = new();

    public long Sent => Volatile.Read(ref _sent);

    public long Received => Volatile.Read(ref _received);

    public long WindowReceived => Volatile.Read(ref _windowReceived);

    public long Gaps { get; private set; }

    public long Reordered { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public ValueTask SendNextAsync(CancellationToken ct)
    {
        var bytes = template.Stamp(_sent, Stopwatch.GetTimestamp());
        Volatile.Write(ref _sent, _sent + 1);
        return client.SendAsync(bytes, ct);
    }

    /// <summary>Receives until the server closes the connection or <paramref name="ct"/> fires.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (await client.ReceiveAsync(ct).ConfigureAwait(false) is { } message)
            {
                if (!MessageScan.TryReadStamp(message.Span, out var seq, out var stamp))
                {
                    NoteOther(message.Span);
                    continue;
                }

                Count(seq, stamp);
                if (clock.Phase != Phase.Stopping)
                {
                    await SendNextAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested && clock.Phase != Phase.Stopping)
            {
                Fail("connection lost: " + ex.Message);
            }
        }
    }

    private void Count(long seq, long stamp)
    {
        if (seq > _expected)
        {
            Gaps += seq - _expected;
        }
        else if (seq < _expected)
        {
            Reordered++;
        }

        _expected = Math.Max(_expected, seq + 1);
        Volatile.Write(ref _received, _received + 1);
        if (clock.Phase == Phase.Measuring)
        {
            Volatile.Write(ref _windowReceived, _windowReceived + 1);
            Latency.Record((long)Stopwatch.GetElapsedTime(stamp).TotalNanoseconds);
        }
    }

    private void NoteOther(ReadOnlySpan<byte> message)
    {
        // Joins' notifications (online, participant-joined, …) are expected; errors are not.
        if (MessageScan.IsError(message))
        {
            Fail(MessageScan.Text(message));
        }
    }

    private void Fail(string text)
    {
        Errors++;
        FirstError ??= text;
    }
}
