using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// A vocabulary's wire names and their values, found by the UTF-8 bytes of a name without
/// a string or any allocation. Built once, when the vocabulary's table is initialised; a
/// name is compared only with the names of its own length.
/// </summary>
internal sealed class NameLookup<T>
{
    private readonly (byte[] Name, T Value)[][] _byLength;

    /// <param name="entries">every name and its value; names are unique, non-empty and at most <paramref name="maxNameBytes"/> bytes of UTF-8</param>
    /// <param name="maxNameBytes">the longest name the reader of this vocabulary can look up (a bound on its unescaping buffer)</param>
    public NameLookup(IEnumerable<(string Name, T Value)> entries, int maxNameBytes)
    {
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

        _byLength = new (byte[], T)[maxNameBytes + 1][];
        for (var length = 0; length <= maxNameBytes; length++)
        {
            _byLength[length] = encoded.Where(e => e.Name.Length == length).ToArray();
        }
    }

    public bool TryFind(ReadOnlySpan<byte> name, [MaybeNullWhen(false)] out T value)
    {
        if (name.Length < _byLength.Length)
        {
            foreach (var (candidate, candidateValue) in _byLength[name.Length])
            {
                if (name.SequenceEqual(candidate))
                {
                    value = candidateValue;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
