using System.IO.Pipelines;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// A connection's socket side in memory: what the test <see cref="FeedAsync"/>s is read, and
/// every write is recorded as it is made (synchronously), so a test can tell what was sent right
/// after the call that sent it.
/// </summary>
internal sealed class ScriptedStream : Stream
{
    private readonly Pipe _incoming = new();
    private readonly Stream _reader;
    private readonly Lock _gate = new();
    private readonly List<byte> _written = [];

    public ScriptedStream() => _reader = _incoming.Reader.AsStream();

    public byte[] Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Bytes the client sends.</summary>
    public async Task FeedAsync(byte[] bytes) => await _incoming.Writer.WriteAsync(bytes);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _written.AddRange(buffer.ToArray());
        }

        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _incoming.Writer.Complete();
        }

        base.Dispose(disposing);
    }
}
