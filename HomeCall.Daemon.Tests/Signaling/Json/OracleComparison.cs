using System.Text;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// Runs a message through MessageParser and MessageWriter.PassThrough and through their
/// reader-based oracles, and says what differs: acceptance, type, the known fields' ranges and
/// kinds, or the pass-through bytes (with and without a stamped room).
/// </summary>
internal static class OracleComparison
{
    public static string? Difference(byte[] json)
    {
        var expected = ReaderOracle.TryParse(json, out var oldType, out var oldFields);
        var actual = MessageParser.TryParse(json, out var newType, out var newFields);
        if (expected != actual)
        {
            return $"reader {Verdict(expected)}, scanner {Verdict(actual)}";
        }

        if (!expected)
        {
            return null;
        }

        if (oldType != newType)
        {
            return $"type {oldType} vs {newType}";
        }

        var (oldRanges, newRanges) = (Describe(oldFields), Describe(newFields));
        if (oldRanges != newRanges)
        {
            return $"fields {oldRanges} vs {newRanges}";
        }

        foreach (var room in new[] { null, "r1" })
        {
            var before = Outcome(() => ReaderPassThroughOracle.PassThrough(new InboundMessage(json, oldType, oldFields), room, "alice"));
            var after = Outcome(() => Leases.TakeBytes(MessageWriter.PassThrough(new InboundMessage(json, newType, newFields), room, "alice", MessagePool.Shared)));
            if (before != after)
            {
                return $"pass-through with room {room ?? "none"}: {before} vs {after}";
            }
        }

        return null;
    }

    /// <summary>The input as C# would write it, control characters and non-ASCII escaped, for a failure label.</summary>
    public static string Show(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        return string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static string Verdict(bool accepted) => accepted ? "accepts" : "rejects";

    private static string Describe(KnownFields f)
    {
        var ranges = new List<string>();
        foreach (var known in KnownFields.Table)
        {
            ranges.Add(known.Name + "=" + Range(known.In(ref f)));
        }

        return string.Join(" ", ranges);
    }

    private static string Range(JsonField field) => field.IsPresent ? $"{field.Start}-{field.End}:{field.Kind}" : "-";

    /// <summary>The pass-through bytes, or the exception the writer threw (an invalid UTF-8 name, say).</summary>
    private static string Outcome(Func<byte[]> passThrough)
    {
        try
        {
            return Encoding.UTF8.GetString(passThrough());
        }
        catch (ArgumentException e)
        {
            return e.GetType().Name;
        }
        catch (InvalidOperationException e)
        {
            return e.GetType().Name;
        }
    }
}
