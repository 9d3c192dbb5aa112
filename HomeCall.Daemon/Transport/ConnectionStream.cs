using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The socket stream as the framing layer uses it, shaped to cost one system call per
/// packet rather than per frame part:
/// <list type="bullet">
/// <item>Reads first return bytes already read past the request head (the client's first
/// frame may arrive in the same packet, docs/protocol.md §2.1), then turn the framing layer's small
/// reads (a 2-14 byte header, then the payload) into one socket read per packet: a small
/// read fills a pooled chunk that serves the following reads and goes back to the pool as
/// soon as it is drained. Zero-byte reads pass straight through, so an idle connection
/// holds no buffer at all.</item>
/// <item>Writes made inside a batch (<see cref="BeginBatch"/> … <see cref="EndBatchAsync"/>)
/// are gathered in a pooled buffer and go out in one socket write: the send queue opens a
/// batch when several frames wait, so a burst to one reader is one packet.</item>
/// <item>Every read is paced and its frames counted by a <see cref="ReadGuard"/>: a client that
/// keeps its socket full gives up the thread now and then, and one that sends too many frames
/// that complete no message is halted: no more of its bytes are read, and
/// <see cref="FrameFlood"/> is told (once) so the connection can close it.</item>
/// <item>Writes to a socket are tried at once without waiting (<see cref="NonBlockingSend"/>); only
/// what the socket cannot take goes through an awaited write, so a connection whose writes
/// never wait keeps no send event-args object on its socket.</item>
/// <item>What is read also feeds the connection's <see cref="Liveness"/> (a pong, or any bytes),
/// and the keep-alive ping goes out through the same ordered writes (<see cref="CheckLiveness"/>).</item>
/// <item>The status of the first close frame written is kept (<see cref="SentCloseStatus"/>),
/// whoever wrote it: the framing layer's own 1002 and 1007 included.</item>
/// </list>
/// </summary>
internal sealed partial class ConnectionStream(Stream inner, byte[] prefix, TimeProvider time) : Stream
{
    private readonly Stream _inner = inner;
    private readonly Socket? _socket = NonBlockingSend.Prepare(inner);
    private readonly TimeProvider _time = time;

    /// <summary>RFC 6455 §5.2: the first byte of an unfragmented close frame (FIN, opcode 8).</summary>
    private const byte CloseFrameByte = 0x88;

    /// <summary>RFC 6455 §5.5.1: a close frame's status fills the first two payload bytes (after a 2-byte header: server frames are not masked).</summary>
    private const int CloseStatusEnd = 4;

    /// <summary>Reads at least this large go straight to the socket; smaller ones are buffered.</summary>
    private const int ReadChunkBytes = 16384;

    /// <summary>A batch is written out once it holds this much; larger writes flush it and go straight through.</summary>
    private const int BatchBytes = 32768;

    private byte[] _buffer = prefix;
    private bool _rented;
    private int _offset;
    private int _count = prefix.Length;

    private ReadGuard _guard;
    private Liveness _liveness = new(time.GetTimestamp());
    private TaskCompletionSource<int>? _halted;
    private int _disposed;
    private int _sentCloseStatus;

    private bool _batching;
    private byte[]? _batch;
    private int _batchCount;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The connection's one lock: the batch, and the send queue and deadline above it, share it (fewer objects per connection).</summary>
    public Lock Gate { get; } = new();

    /// <summary>Called once, on the reading thread, when the client spent its frame budget: nothing more is read from it.</summary>
    public Action? FrameFlood { get; set; }

    /// <summary>The status of the first close frame written to the client (0 when none).</summary>
    public int SentCloseStatus => Volatile.Read(ref _sentCloseStatus);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _halted) is { } halted)
        {
            return new ValueTask<int>(halted.Task); // Ends (with 0) when the connection is disposed.
        }

        return _guard.YieldDue ? YieldThenReadAsync(buffer, cancellationToken) : ReadNow(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        _count > 0 ? Take(buffer.AsSpan(offset, count)) : _inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Gathers the following writes until <see cref="EndBatchAsync"/>.</summary>
    public void BeginBatch()
    {
        lock (Gate)
        {
            _batching = true;
        }
    }

    /// <summary>Writes what the batch gathered in one socket write and stops gathering.</summary>
    public ValueTask EndBatchAsync()
    {
        byte[]? gathered;
        int count;
        lock (Gate)
        {
            _batching = false;
            (gathered, count) = TakeBatch();
        }

        return gathered is null ? ValueTask.CompletedTask : WriteGatheredAsync(gathered, count, default);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        NoteCloseFrame(buffer.Span);

        // The framing layer writes each frame whole in one call, but the keep-alive ping may write
        // while the send queue ends a batch: the gate keeps the batch whole, and the socket orders the writes.
        byte[]? gathered = null;
        var count = 0;
        lock (Gate)
        {
            if (_batching && !buffer.IsEmpty)
            {
                if (_batchCount + buffer.Length <= BatchBytes)
                {
                    _batch ??= ArrayPool<byte>.Shared.Rent(BatchBytes);
                    buffer.Span.CopyTo(_batch.AsSpan(_batchCount));
                    _batchCount += buffer.Length;
                    return ValueTask.CompletedTask;
                }

                (gathered, count) = TakeBatch();
            }
        }

        return gathered is null ? SendAsync(buffer, cancellationToken) : WriteGatheredThenAsync(gathered, count, buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            Interlocked.Exchange(ref _disposed, 1);
            Volatile.Read(ref _halted)?.TrySetResult(0);

            // The read chunk stays: an abort disposes the stream from another thread (a timer) while
            // the reader may be copying out of it, and a chunk handed back then could be rented and
            // filled by another connection. ReleaseAfterReading hands it back once reading ended.
            lock (Gate)
            {
                // Aborted mid-batch: nothing gathered can go out any more.
                if (TakeBatch().Gathered is { } unsent)
                {
                    ArrayPool<byte>.Shared.Return(unsent);
                }
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the read chunk back to the pool; only once nothing reads any more (the receive loop ended).</summary>
    public void ReleaseAfterReading() => ReleaseRead();

    private void NoteCloseFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= CloseStatusEnd && frame[0] == CloseFrameByte && Volatile.Read(ref _sentCloseStatus) == 0)
        {
            Interlocked.CompareExchange(ref _sentCloseStatus, (frame[2] << 8) | frame[3], 0);
        }
    }
}
