namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// A socket's stream whose disposal the test holds half-way: <see cref="Disposing"/> completes once it is
/// disposed (writes then throw at once, as a <see cref="System.Net.Sockets.NetworkStream"/>'s do), and
/// <see cref="Dispose(bool)"/> returns only after <see cref="FinishDispose"/>, so a test can act while the
/// stream above it is still inside its own Dispose.
/// </summary>
internal sealed class DisposeGatedStream : Stream
{
    private readonly TaskCompletionSource _disposing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _finish = new();

    /// <summary>Completes once disposal began (the stream is unusable from then on).</summary>
    public Task Disposing => _disposing.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Lets the held disposal return.</summary>
    public void FinishDispose() => _finish.Set();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A NetworkStream checks this before anything else, and throws rather than returning a failed task.
        ObjectDisposedException.ThrowIf(_disposing.Task.IsCompleted, this);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _disposing.TrySetResult())
        {
            _finish.Wait();
            _finish.Dispose();
        }

        base.Dispose(disposing);
    }
}
