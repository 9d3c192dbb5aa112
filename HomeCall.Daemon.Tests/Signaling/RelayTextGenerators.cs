using FsCheck;
using FsCheck.Fluent;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// JSON strings and values for the relay-growth properties: text mixing control characters
/// (escaped, as RFC 8259 §7 requires), C1 controls and DEL (raw and escaped), emoji (raw and as
/// escaped surrogate pairs), `\"`, `\\`, `\/` and other `\u` escapes. Pieces never spell one of
/// the protocol's field names, so a generated name is always an unknown field.
/// </summary>
internal static class RelayTextGenerators
{
    /// <summary>(as written inside the quotes, the text it decodes to).</summary>
    private static readonly (string Raw, string Text)[] Pieces =
    [
        ("x", "x"), ("Q", "Q"), ("é", "é"), ("\u2028", "\u2028"), ("\uffff", "\uffff"),
        ("\\u0000", "\0"), ("\\u0001", "\u0001"), ("\\u001f", "\u001f"), ("\\u001F", "\u001f"),
        ("\\n", "\n"), ("\\t", "\t"), ("\\b", "\b"), ("\\f", "\f"), ("\\r", "\r"),
        ("\u0080", "\u0080"), ("\u0085", "\u0085"), ("\u009f", "\u009f"), ("\\u0085", "\u0085"), ("\\u009F", "\u009f"),
        ("\u007f", "\u007f"), ("\\u007f", "\u007f"), ("\\u007F", "\u007f"),
        ("😀", "😀"), ("\\uD83D\\uDE00", "😀"), ("\\ud83d\\ude00", "😀"),
        ("\\\"", "\""), ("\\\\", "\\"), ("\\/", "/"), ("\\u0041", "A"), ("\\u00e9", "é"), ("\\u2028", "\u2028"), ("\\uFFFF", "\uffff"),
    ];

    /// <summary>A piece's text is at most 2 UTF-16 units (an emoji): 1 + 31 × 2 = 63 ≤ 64.</summary>
    private const int MaxIdentityPieces = 31;

    private static readonly string[] Spaces = ["", "", "", " ", "\t", "\r\n"];

    public static Gen<string> Whitespace { get; } = Gen.Elements(Spaces);

    /// <summary>A string token, quotes included, of up to <paramref name="maxPieces"/> pieces.</summary>
    public static Gen<string> Token(int maxPieces) =>
        Gen.Choose(0, maxPieces).SelectMany(n => Gen.Elements(Pieces).ArrayOf(n)).Select(p => "\"" + string.Concat(p.Select(x => x.Raw)) + "\"");

    /// <summary>A user id of 1–64 UTF-16 units (docs/protocol.md §3.2) made of the pieces' texts, after a fixed first letter.</summary>
    public static Gen<string> Identity(char first) =>
        Gen.Choose(0, MaxIdentityPieces).SelectMany(n => Gen.Elements(Pieces).ArrayOf(n)).Select(p => first + string.Concat(p.Select(x => x.Text)));

    /// <summary>
    /// <paramref name="text"/> as a string token, each character written raw or escaped at random
    /// (those below U+0020, `"` and `\` always escaped; a surrogate pair raw or as two escapes).
    /// </summary>
    public static Gen<string> Encoded(string text) =>
        Gen.Choose(0, 3).ArrayOf(text.Length).Select(choices => "\"" + Encode(text, choices) + "\"");

    /// <summary>Any JSON value whose strings and member names come from the pieces, nested up to <paramref name="depth"/>.</summary>
    public static Gen<string> Value(int depth)
    {
        var scalar = Gen.Frequency((6, Token(12)), (1, Gen.Elements("0", "-1.5e3", "true", "false", "null")));
        if (depth <= 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        var array = from n in Gen.Choose(0, 3)
                    from items in inner.ArrayOf(n)
                    from ws in Whitespace
                    select "[" + ws + string.Join("," + ws, items) + ws + "]";
        var obj = from n in Gen.Choose(0, 3)
                  from items in Member(Token(6), inner).ArrayOf(n)
                  from ws in Whitespace
                  select "{" + ws + string.Join("," + ws, items) + ws + "}";
        return Gen.Frequency((4, scalar), (1, array), (1, obj));
    }

    /// <summary>`name:value` with whitespace around the colon.</summary>
    public static Gen<string> Member(Gen<string> name, Gen<string> value) =>
        from n in name
        from v in value
        from before in Whitespace
        from after in Whitespace
        select n + before + ":" + after + v;

    private static string Encode(string text, int[] choices)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                builder.Append(choices[i] == 0 ? text.Substring(i, 2) : Escaped(c, choices[i]) + Escaped(text[i + 1], choices[i]));
                i++;
            }
            else if (c < ' ' || c == '"' || c == '\\')
            {
                builder.Append(Escaped(c, Math.Max(choices[i], 1)));
            }
            else
            {
                builder.Append(choices[i] == 0 ? c.ToString() : Escaped(c, choices[i]));
            }
        }

        return builder.ToString();
    }

    private static string Escaped(char c, int choice) => c switch
    {
        '"' when choice == 1 => "\\\"",
        '\\' when choice == 1 => "\\\\",
        '\n' when choice == 1 => "\\n",
        _ => "\\u" + ((int)c).ToString(choice == 2 ? "X4" : "x4", null),
    };
}
