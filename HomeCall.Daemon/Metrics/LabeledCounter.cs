using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace HomeCall.Daemon.Metrics;

/// <summary>A monotonically increasing counter per label value; label values come from fixed sets (types, codes, reasons), never from clients.</summary>
internal sealed class LabeledCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _values = new(StringComparer.Ordinal);

    public void Increment(string label) =>
        Interlocked.Increment(ref _values.GetOrAdd(label, static _ => new StrongBox<long>()).Value);

    public long Get(string label) => _values.TryGetValue(label, out var box) ? Interlocked.Read(ref box.Value) : 0;

    // ConcurrentDictionary.ToArray copies under its locks; sorting the dictionary itself would size a
    // buffer from Count and then copy, which throws when a label is added in between.
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        _values.ToArray()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new KeyValuePair<string, long>(kv.Key, Interlocked.Read(ref kv.Value.Value)))
            .ToArray();
}
