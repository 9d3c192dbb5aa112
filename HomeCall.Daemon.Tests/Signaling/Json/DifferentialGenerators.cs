using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// Valid message texts for comparing MessageParser with <see cref="ReaderOracle"/>: objects
/// with the protocol's keys (plain, escaped, or escaped to something undecodable), values of
/// every kind (strings full of escapes and surrogates, numbers from the whole grammar, SDP-like
/// bodies, nested containers), whitespace between tokens, and nesting around the depth limit.
/// <see cref="DifferentialMutations"/> breaks them.
/// </summary>
internal static class DifferentialGenerators
{
    private const int MaxDepth = HomeCall.Daemon.Signaling.MessageParser.MaxDepth;

    /// <summary>`type`, the known fields, and near misses.</summary>
    private static readonly string[] Keys = ["type", .. Vocabulary.FieldNames, "x", "types", "Type", ""];

    /// <summary>Every key but `type`: the message's other members.</summary>
    private static readonly string[] OtherKeys = Keys[1..];

    private static readonly string[] TypeNames = [.. Vocabulary.TypeNames, "Join", "hello", ""];

    private static readonly string[] Spaces = ["", "", "", "", " ", "\t", "\r\n", "\n  "];

    private static readonly string[] Pieces =
        ["a", "zz", "é", "Ж", "😀", "\u2028", "\u007f", "'", "/", "<>&", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
         "\\r\\n", "\\u0041", "\\u00e9", "\\uFFFF", "\\ud83d\\ude00", "\\uD83D\\uDE00"];

    /// <summary>Escapes that do not decode: accepted in opaque bodies, invalid in keys and identity values.</summary>
    private static readonly string[] LonePieces = ["\\ud800", "\\uDFFF", "\\udc00\\ud800", "\\ud83d"];

    public static Gen<string> Whitespace { get; } = Gen.Elements(Spaces);

    /// <summary>A message: `{` members `}` with whitespace around the tokens; `type` mostly once, sometimes absent or twice.</summary>
    public static Gen<string> Message { get; } =
        from n in Gen.Choose(0, 5)
        from others in Gen.Elements(OtherKeys).SelectMany(Member).ArrayOf(n)
        from types in Gen.Frequency((10, Gen.Constant(1)), (1, Gen.Constant(0)), (1, Gen.Constant(2)))
        from typeMembers in Member("type").ArrayOf(types)
        from at in Gen.Choose(0, n)
        from outer in Whitespace
        from inner in Whitespace
        let members = others[..at].Concat(typeMembers).Concat(others[at..])
        select outer + "{" + inner + string.Join(inner + "," + outer, members) + outer + "}" + inner;

    /// <summary>A relay whose body nests 28 to 36 containers (the limit is 32 with the message object).</summary>
    public static Gen<string> DeepMessage { get; } =
        from levels in Gen.Choose(MaxDepth - 4, MaxDepth + 4)
        from objects in Gen.Elements(true, false).ArrayOf(levels)
        from key in Gen.Elements("payload", "sdp", "x")
        from ws in Whitespace
        from innermost in Gen.Elements("0", "[]", "{}", "\"\\ud800\"")
        select "{\"type\":\"signal\"," + ws + "\"" + key + "\":" + Nest(objects, ws, innermost) + "}";

    public static Gen<string> Number { get; } =
        from sign in Gen.Elements("", "", "-")
        from integer in Gen.Frequency((1, Gen.Constant("0")), (3, Digits(1, 20).Where(d => d[0] != '0')))
        from fraction in Gen.Frequency((2, Gen.Constant("")), (1, Digits(1, 6).Select(d => "." + d)))
        from exponent in Gen.Frequency((2, Gen.Constant("")), (1, Exponent()))
        select sign + integer + fraction + exponent;

    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 10).SelectMany(n => Piece().ArrayOf(n)).Select(p => "\"" + string.Concat(p) + "\"")),
        (1, Sdp()));

    public static Gen<string> Value(int depth)
    {
        var scalar = Gen.Frequency((5, Text), (3, Number), (1, Gen.Elements("true", "false", "null")));
        if (depth <= 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        var array = from n in Gen.Choose(0, 4)
                    from items in inner.ArrayOf(n)
                    from ws in Whitespace
                    select "[" + ws + string.Join(ws + "," + ws, items) + ws + "]";
        var members = from key in Gen.Frequency((1, Text), (1, Gen.Elements(Keys).SelectMany(NameToken)))
                      from value in inner
                      from ws in Whitespace
                      select key + ws + ":" + ws + value;
        var obj = from n in Gen.Choose(0, 4)
                  from items in members.ArrayOf(n)
                  select "{" + string.Join(",", items) + "}";
        return Gen.Frequency((6, scalar), (1, array), (1, obj));
    }

    private static Gen<string> Member(string name) =>
        from key in NameToken(name)
        from value in name == "type" ? TypeValue() : Value(3)
        from before in Whitespace
        from after in Whitespace
        select key + before + ":" + after + value;

    private static Gen<string> TypeValue() => Gen.Frequency(
        (8, Gen.Elements(TypeNames).SelectMany(NameToken)),
        (1, Value(1)));

    /// <summary>A name as a string token: plain, some letters as \u escapes, or with a lone surrogate added.</summary>
    private static Gen<string> NameToken(string name) => Gen.Frequency(
        (8, Gen.Constant("\"" + name + "\"")),
        (3, from mask in Gen.Choose(0, int.MaxValue) from upper in Gen.Elements(true, false) select "\"" + Escape(name, mask, upper) + "\""),
        (1, Gen.Elements("\\ud800", "\\udfff", "\\u0000", "\\n").Select(tail => "\"" + name + tail + "\"")));

    private static string Escape(string name, int mask, bool upper) => string.Concat(name.Select((c, i) =>
        ((mask >> (i % 31)) & 1) == 0 ? c.ToString() : "\\u" + ((int)c).ToString(upper ? "X4" : "x4", null)));

    private static Gen<string> Piece() => Gen.Frequency(
        (30, Gen.Elements(Pieces)),
        (1, Gen.Elements(LonePieces)),
        (1, Gen.Choose(0, 0xFFFF).Select(u => "\\u" + u.ToString("X4", null))),
        (1, Gen.Choose(0xD800, 0xDFFF).Select(u => "\\u" + u.ToString("x4", null))),
        (1, Gen.Choose(20, 90).Select(n => new string('q', n))));

    /// <summary>An SDP-like body: lines of text separated by \r\n escapes, as browsers send.</summary>
    private static Gen<string> Sdp() =>
        from n in Gen.Choose(1, 20)
        from lines in Gen.Choose(0, 70).Select(length => new string('v', length)).ArrayOf(n)
        select "\"" + string.Join("\\r\\n", lines) + "\\r\\n\"";

    private static Gen<string> Digits(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements("0123456789".ToCharArray()).ArrayOf(n)).Select(d => new string(d));

    private static Gen<string> Exponent() =>
        from e in Gen.Elements("e", "E")
        from sign in Gen.Elements("", "+", "-")
        from digits in Digits(1, 4)
        select e + sign + digits;

    private static string Nest(bool[] objects, string ws, string innermost)
    {
        var open = string.Concat(objects.Select(o => o ? "{" + ws + "\"k\":" + ws : "[" + ws));
        var close = string.Concat(objects.Reverse().Select(o => o ? ws + "}" : ws + "]"));
        return open + innermost + close;
    }
}
