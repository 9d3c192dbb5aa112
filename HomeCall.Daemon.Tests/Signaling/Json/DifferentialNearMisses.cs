using FsCheck;
using FsCheck.Fluent;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// Messages whose tokens are assembled from the pieces of one grammar rule, so that valid and
/// barely invalid forms are both frequent: numbers from `- + 0 1 9 . e E`, strings from escape
/// fragments and control characters, literals and separators from near-miss spellings.
/// Random edits of whole messages hit these edges too rarely on their own.
/// </summary>
internal static class DifferentialNearMisses
{
    private static readonly string[] NumberPieces = ["-", "-", "+", "0", "0", "1", "9", "9", ".", "e", "E"];

    private static readonly string[] StringPieces =
        ["a", "é", "\\", "\\\\", "\\\"", "\\n", "\\r\\n", "\\u", "\\u00", "\\u0041", "\\uD800", "\\udc00", "0", "A", "f", "g", "x", "\\x", "\\a",
         "\\U", "\\'", "\\/", "\u0001", "\u001f", "\t", "\n", "\"", "/", "\u007f"];

    private static readonly string[] Literals = ["true", "false", "null"];

    private static readonly string[] NearLiterals = ["tru", "truee", "nul", "nulll", "fals", "True", "NULL", "t", "n", "f", "true1", "nullx"];

    private static readonly string[] Spaces = ["", "", " ", "\t", "\r", "\n", "\r\n"];

    private static readonly string[] NonSpaces = ["\f", "\v", "\u00a0", "\u2028", "\0", "\ufeff", "\u0085"];

    /// <summary>`{"type":"signal","payload":[n, …]}` with number-like tokens.</summary>
    public static Gen<string> Numbers { get; } =
        from n in Gen.Choose(1, 4)
        from numbers in Gen.Frequency(
            (2, Gen.Choose(1, 7).SelectMany(k => Gen.Elements(NumberPieces).ArrayOf(k)).Select(string.Concat)),
            (1, DifferentialGenerators.Number)).ArrayOf(n)
        from single in Gen.Elements(true, false)
        select "{\"type\":\"signal\",\"payload\":" + (single ? numbers[0] : "[" + string.Join(",", numbers) + "]") + "}";

    /// <summary>A string-like token as a key, an opaque body or an identity value.</summary>
    public static Gen<string> Strings { get; } =
        from k in Gen.Choose(0, 8)
        from body in Gen.Elements(StringPieces).ArrayOf(k).Select(string.Concat)
        from place in Gen.Choose(0, 3)
        select place switch
        {
            0 => "{\"type\":\"offer\",\"sdp\":\"" + body + "\"}",
            1 => "{\"type\":\"join\",\"room\":\"" + body + "\"}",
            2 => "{\"type\":\"offer\",\"" + body + "\":1}",
            _ => "{\"type\":\"" + body + "\"}",
        };

    /// <summary>Literals and separators between every token, spelled right or nearly.</summary>
    public static Gen<string> LiteralsAndWhitespace { get; } =
        from literal in Gen.Frequency((3, Gen.Elements(Literals)), (1, Gen.Elements(NearLiterals)))
        from spaces in Gen.Frequency((20, Gen.Elements(Spaces)), (1, Gen.Elements(NonSpaces))).ArrayOf(8)
        select spaces[0] + "{" + spaces[1] + "\"type\"" + spaces[2] + ":" + spaces[3] + "\"join\"" + spaces[4] + ","
            + spaces[5] + "\"x\":" + spaces[6] + literal + spaces[7] + "}" + spaces[0];
}
