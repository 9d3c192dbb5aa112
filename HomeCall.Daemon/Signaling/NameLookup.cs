using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// A vocabulary's wire names and their values, found by the UTF-8 bytes of a name without
/// a string or any allocation. Built once, when the vocabulary's table is initialised; a
/// name is compared only with the names of its own length, and as two words (<see cref="Words"/>)
/// rather than byte by byte.
/// </summary>
internal sealed class NameLookup<T>
{
    /// <summary>The longest name two 8-byte words cover.</summary>
    private const int MaxWordsBytes = 2 * sizeof(ulong);

    private readonly (ulong Head, ulong Tail, T Value)[][] _byLength;

    /// <param name="entries">every name and its value; names are unique, non-empty and at most <paramref name="maxNameBytes"/> bytes of UTF-8</param>
    /// <param name="maxNameBytes">the longest name the reader of this vocabulary can look up (a bound on its unescaping buffer)</param>
    public NameLookup(IEnumerable<(string Name, T Value)> entries, int maxNameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxNameBytes, MaxWordsBytes);
        var encoded = entries.Select(e => (Name: Encoding.UTF8.GetBytes(e.Name), e.Value)).ToList();
        foreach (var (name, _) in encoded)
        {
            if (name.Length == 0 || name.Length > maxNameBytes)
            {
                throw new ArgumentException($"name '{Encoding.UTF8.GetString(name)}' is not 1-{maxNameBytes} bytes long", nameof(entries));
            }

            if (encoded.Count(e => e.Name.AsSpan().SequenceEqual(name)) > 1)
            {
                throw new ArgumentException($"name '{Encoding.UTF8.GetString(name)}' is declared twice", nameof(entries));
            }
        }

        _byLength = new (ulong, ulong, T)[maxNameBytes + 1][];
        for (var length = 0; length <= maxNameBytes; length++)
        {
            _byLength[length] = [.. encoded.Where(e => e.Name.Length == length).Select(e => Entry(e.Name, e.Value))];
        }
    }

    public bool TryFind(ReadOnlySpan<byte> name, [MaybeNullWhen(false)] out T value)
    {
        if (name.Length < _byLength.Length)
        {
            var (head, tail) = Words(name);
            foreach (var candidate in _byLength[name.Length])
            {
                if (candidate.Head == head && candidate.Tail == tail)
                {
                    value = candidate.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static (ulong Head, ulong Tail, T Value) Entry(byte[] name, T value)
    {
        var (head, tail) = Words(name);
        return (head, tail, value);
    }

    /// <summary>
    /// A name of up to 16 bytes as its first and last 8 bytes (overlapping when it is shorter;
    /// under 8 bytes, its first and last 4, 2 or 1): with its length, they are all its bytes.
    /// </summary>
    private static (ulong Head, ulong Tail) Words(ReadOnlySpan<byte> name) => name.Length switch
    {
        >= sizeof(ulong) => (BinaryPrimitives.ReadUInt64LittleEndian(name), BinaryPrimitives.ReadUInt64LittleEndian(name[^sizeof(ulong)..])),
        >= sizeof(uint) => (BinaryPrimitives.ReadUInt32LittleEndian(name), BinaryPrimitives.ReadUInt32LittleEndian(name[^sizeof(uint)..])),
        >= sizeof(ushort) => (BinaryPrimitives.ReadUInt16LittleEndian(name), BinaryPrimitives.ReadUInt16LittleEndian(name[^sizeof(ushort)..])),
        1 => (name[0], 0),
        _ => (0, 0),
    };
}
