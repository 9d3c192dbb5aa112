using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// Valid messages broken by one to three edits: a character replaced, inserted or deleted, the
/// text cut, or a slice repeated. <see cref="Text"/> edits characters (the result is valid UTF-8,
/// as a WebSocket text frame is); <see cref="Bytes"/> edits bytes (any byte, so also invalid UTF-8).
/// </summary>
internal static class DifferentialMutations
{
    private const int Positions = 1000;

    /// <summary>Characters that matter to the grammar, plus a few that must be refused.</summary>
    private static readonly string[] Alphabet =
        ["{", "}", "[", "]", ":", ",", "\"", "\\", "/", "u", "0", "1", "9", "e", "E", "+", "-", ".", "t", "f", "n", "a", "x",
         " ", "\t", "\r", "\n", "\f", "\v", "\0", "\u001f", "\u007f", "é", "😀", "\ufeff", "\u00a0", "*"];

    public static Gen<string> Text { get; } =
        from seed in Gen.Frequency((3, DifferentialGenerators.Message), (1, DifferentialGenerators.DeepMessage))
        from edits in Gen.Choose(1, 3).SelectMany(n => Edit(Gen.Elements(Alphabet)).ArrayOf(n))
        select edits.Aggregate(seed, (text, e) => Apply(text, e.Kind, e.Position * text.Length / Positions, e.Insert));

    public static Gen<byte[]> Bytes { get; } =
        from seed in DifferentialGenerators.Message.Select(Encoding.UTF8.GetBytes)
        from edits in Gen.Choose(1, 3).SelectMany(n => Edit(Gen.Choose(0, 255).Select(b => (byte)b)).ArrayOf(n))
        select edits.Aggregate(seed, (bytes, e) => Apply(bytes, e.Kind, e.Position * bytes.Length / Positions, e.Insert));

    private static Gen<(int Kind, int Position, T Insert)> Edit<T>(Gen<T> insert) =>
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, Positions - 1)
        from value in insert
        select (kind, position, value);

    private static string Apply(string text, int kind, int at, string insert) => kind switch
    {
        0 when at < text.Length => text[..at] + insert + text[(at + 1)..],
        1 => text[..at] + insert + text[at..],
        2 when at < text.Length => text[..at] + text[(at + 1)..],
        3 => text[..at],
        _ => text[..at] + text[at..Math.Min(text.Length, at + 7)] + text[at..],
    };

    private static byte[] Apply(byte[] bytes, int kind, int at, byte insert) => kind switch
    {
        0 when at < bytes.Length => [.. bytes[..at], insert, .. bytes[(at + 1)..]],
        1 => [.. bytes[..at], insert, .. bytes[at..]],
        2 when at < bytes.Length => [.. bytes[..at], .. bytes[(at + 1)..]],
        3 => bytes[..at],
        _ => [.. bytes[..at], .. bytes[at..Math.Min(bytes.Length, at + 7)], .. bytes[at..]],
    };
}
