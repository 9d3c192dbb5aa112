using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Random messages for dispatcher fuzzing: mostly JSON objects built from the protocol's
/// own types, field names and ids (so joins and relays really happen), with values of
/// every JSON kind, escapes, deep nesting, duplicate keys, and some plain garbage.
/// </summary>
internal static class JsonGenerators
{
    public const string SessionA = "0f8e2c1a-7b3d-4e5f-9a8b-1c2d3e4f5a6b";

    private static readonly string[] Types = [.. Vocabulary.TypeNames, "JOIN", "error", ""];
    private static readonly string[] Fields = [.. Vocabulary.FieldNames, "x"];
    private static readonly string[] Ids = ["r1", "r2", "u1", "u2", "u3", SessionA, SessionA.ToUpperInvariant(), "1000", "", "{" + SessionA + "}"];
    private static readonly string[] Pieces = ["a", "é", "Ж", "😀", "\\u0041", "\\n", "\\\"", "\\\\", "\\u2028", "\\ud83d\\ude00", "\\/", " "];
    private static readonly string[] LonePieces = ["\\ud800", "\\udfff", "\\ud83d"];
    private static readonly string[] Numbers = ["0", "-1", "3.14", "1e400", "12345678901234567890", "-0"];

    /// <summary>A message text; <paramref name="loneSurrogates"/> adds escapes that decode to invalid UTF-16.</summary>
    public static Gen<string> Message(bool loneSurrogates) => Gen.Frequency(
        (8, Template(loneSurrogates)),
        (8, Object(loneSurrogates)),
        (1, Object(loneSurrogates).SelectMany(json => Gen.Choose(0, Math.Max(json.Length - 1, 0)).Select(cut => json[..cut]))),
        (1, Value(loneSurrogates, 2)),
        (1, Gen.Elements("", " ", "{", "}", "<html>", "{\"type\":\"join\"}{}", "[{\"type\":\"create\"}]", "{'type':'create'}")));

    /// <summary>A protocol message of some dialect with ids from a small pool, so that joins succeed and relays find their targets.</summary>
    public static Gen<string> Template(bool loneSurrogates)
    {
        var id = Gen.Elements("u1", "u2", "u3");
        var room = Gen.Elements("r1", "r2", SessionA);
        var value = Value(loneSurrogates, 2);
        return Gen.Zip(Gen.Zip(id, room), Gen.Zip(value, Gen.Choose(0, 10)), (ir, vk) => Fill(vk.Item2, ir.Item1, ir.Item2, vk.Item1));
    }

    private static string Fill(int kind, string user, string room, string value) => kind switch
    {
        0 or 1 => $$"""{"type":"join","room":"{{room}}","user":"{{user}}"}""",
        2 => $$"""{"type":"offer","to":"{{user}}","sdp":{{value}}}""",
        3 => $$"""{"type":"candidate","to":"{{user}}","candidate":{{value}}}""",
        4 => $$"""{"type":"answer","room":"{{room}}","sdp":{{value}}}""",
        5 => $$"""{"type":"ice-candidate","targetUserId":"{{user}}","candidate":{{value}}}""",
        6 => """{"type":"create"}""",
        7 => $$"""{"type":"signal","payload":{{value}}}""",
        8 => $$"""{"type":"leave","room":"{{room}}","user":"{{user}}"}""",
        9 => $$"""{"type":"offer","targetUserId":"{{user}}","sdp":{{value}},"fromUserId":"{{user}}"}""",
        _ => $$"""{"type":"candidate","room":"{{room}}","from":"{{user}}","candidate":{{value}}}""",
    };

    /// <summary>{"type":..., field: value, ...} with the type first, last, absent or twice.</summary>
    public static Gen<string> Object(bool loneSurrogates)
    {
        var type = Gen.Frequency(
            (10, Gen.Elements(Types).Select(t => "\"type\":\"" + t + "\"")),
            (1, Value(loneSurrogates, 1).Select(v => "\"type\":" + v)),
            (1, Gen.Constant("")));
        var field = Gen.Elements(Fields).SelectMany(name => Value(loneSurrogates, 3).Select(v => "\"" + name + "\":" + v));
        var fields = Gen.Choose(0, 5).SelectMany(n => field.ArrayOf(n));
        return Gen.Zip(Gen.Zip(type, fields), Gen.Choose(0, 9), (tf, placement) => Assemble(tf.Item1, tf.Item2, placement));
    }

    public static Gen<string> Value(bool loneSurrogates, int depth)
    {
        var scalar = Gen.Frequency(
            (6, Text(loneSurrogates)),
            (2, Gen.Elements(Numbers)),
            (2, Gen.Elements("true", "false", "null")));
        if (depth <= 0)
        {
            return scalar;
        }

        var inner = Value(loneSurrogates, depth - 1);
        return Gen.Frequency(
            (6, scalar),
            (1, Gen.Choose(0, 3).SelectMany(n => inner.ArrayOf(n)).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.Zip(Gen.Elements(Fields), inner).ArrayOf(n))
                .Select(kvs => "{" + string.Join(",", kvs.Select(kv => "\"" + kv.Item1 + "\":" + kv.Item2)) + "}")),
            (1, Gen.Choose(20, 40).Select(n => new string('[', n) + new string(']', n))));
    }

    private static Gen<string> Text(bool loneSurrogates)
    {
        var pieces = loneSurrogates ? Pieces.Concat(LonePieces).ToArray() : Pieces;
        var random = Gen.Choose(0, 12).SelectMany(n => Gen.Elements(pieces).ArrayOf(n)).Select(p => string.Concat(p));
        var longText = Gen.Choose(60, 200).Select(n => new string('z', n));
        return Gen.Frequency((6, Gen.Elements(Ids)), (3, random), (1, longText)).Select(s => "\"" + s + "\"");
    }

    private static string Assemble(string type, string[] fields, int placement)
    {
        var parts = fields.ToList();
        if (type.Length > 0)
        {
            parts.Insert(placement % (parts.Count + 1), type);
            if (placement == 9)
            {
                parts.Add(type); // A duplicated type: ambiguous, so invalid (docs/protocol.md §3.1).
            }
        }

        return "{" + string.Join(",", parts) + "}";
    }
}
