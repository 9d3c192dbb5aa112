using System.Buffers;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>An array pool that counts rentals and returns, and fails a test on a return of an array it does not hold out.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly HashSet<byte[]> _out = new(ReferenceEqualityComparer.Instance);
    private int _rented;
    private int _returned;

    public int Rented => Volatile.Read(ref _rented);

    public int Returned => Volatile.Read(ref _returned);

    /// <summary>Arrays rented and not yet returned.</summary>
    public int Outstanding
    {
        get
        {
            lock (_out)
            {
                return _out.Count;
            }
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        var array = new byte[minimumLength];
        lock (_out)
        {
            _out.Add(array);
        }

        Interlocked.Increment(ref _rented);
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_out)
        {
            if (!_out.Remove(array))
            {
                throw new InvalidOperationException("An array was returned that is not rented out (returned twice?).");
            }
        }

        Interlocked.Increment(ref _returned);
    }
}
