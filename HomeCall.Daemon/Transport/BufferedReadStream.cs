using System.Buffers;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The socket stream as the framing layer reads it. It first returns bytes already read
/// past the request head (the client's first frame may arrive in the same packet, spec §5),
/// and it turns the framing layer's small reads (a 2-14 byte header, then the payload)
/// into one socket read per packet: a small read fills a pooled chunk that serves the
/// following reads and goes back to the pool as soon as it is drained. Zero-byte reads
/// pass straight through, so an idle connection holds no buffer at all.
/// </summary>
internal sealed class BufferedReadStream(Stream inner, byte[] prefix) : Stream
{
    /// <summary>Reads at least this large go straight to the socket; smaller ones are buffered.</summary>
    private const int ChunkBytes = 4096;

    private byte[] _buffer = prefix;
    private bool _rented;
    private int _offset;
    private int _count = prefix.Length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_count > 0)
        {
            return ValueTask.FromResult(Take(buffer.Span));
        }

        return buffer.IsEmpty || buffer.Length >= ChunkBytes
            ? inner.ReadAsync(buffer, cancellationToken)
            : FillAndTakeAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        _count > 0 ? Take(buffer.AsSpan(offset, count)) : inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            Release();
        }

        base.Dispose(disposing);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAndTakeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        int n;
        try
        {
            n = await inner.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk);
            throw;
        }

        if (n == 0)
        {
            ArrayPool<byte>.Shared.Return(chunk);
            return 0;
        }

        (_buffer, _rented, _offset, _count) = (chunk, true, 0, n);
        return Take(destination.Span);
    }

    private int Take(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        var n = Math.Min(destination.Length, _count);
        _buffer.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        _count -= n;
        if (_count == 0)
        {
            Release();
        }

        return n;
    }

    private void Release()
    {
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        (_buffer, _rented, _offset, _count) = ([], false, 0, 0);
    }
}
