namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// The server side of a socket whose peer never reads: every write waits until it is
/// cancelled or the stream is disposed (which is what aborting a WebSocket does).
/// With <see cref="Stalling"/> false it records what was written instead.
/// </summary>
internal sealed class StallingStream(bool stalling) : Stream
{
    private readonly MemoryStream _written = new();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pendingWrites;

    public bool Stalling => stalling;

    public int PendingWrites => Volatile.Read(ref _pendingWrites);

    public bool IsDisposed => _disposed.Task.IsCompleted;

    public byte[] Written
    {
        get
        {
            lock (_written)
            {
                return _written.ToArray();
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!stalling)
        {
            lock (_written)
            {
                _written.Write(buffer.Span);
            }

            return;
        }

        Interlocked.Increment(ref _pendingWrites);
        try
        {
            await _disposed.Task.WaitAsync(cancellationToken);
            throw new ObjectDisposedException(nameof(StallingStream));
        }
        finally
        {
            Interlocked.Decrement(ref _pendingWrites);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads wait until disposal: the peer never sends anything.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _disposed.Task.WaitAsync(cancellationToken);
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }
}
