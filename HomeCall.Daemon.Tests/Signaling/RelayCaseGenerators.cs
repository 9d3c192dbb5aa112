using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// Valid relays of every type of every dialect (docs/protocol.md §5.1, §6.2, §7.1, §8.1): the
/// dialect's fields (names and values plain or escaped, sender fields naming the sender) and up
/// to five unknown fields, in any order, with names and values from <see cref="RelayTextGenerators"/>.
/// </summary>
internal static class RelayCaseGenerators
{
    private static readonly string[] SenderFieldNames = ["from", "fromUserId", "senderId"];

    public static Gen<RelayCase> For(RelayPath path) =>
        from type in Gen.Elements(Types(path))
        from sender in RelayTextGenerators.Identity('s')
        from target in RelayTextGenerators.Identity('t')
        from known in Known(path, type, sender, target)
        from unknownCount in Gen.Choose(0, 5)
        from unknown in RelayTextGenerators.Member(RelayTextGenerators.Token(10), RelayTextGenerators.Value(2)).ArrayOf(unknownCount)
        from members in Gen.Shuffle(known.Concat(unknown))
        from ws in RelayTextGenerators.Whitespace
        select new RelayCase(path, type, sender, target, ws + "{" + ws + string.Join("," + ws, members) + ws + "}" + ws);

    private static string[] Types(RelayPath path) => path switch
    {
        RelayPath.Mesh => ["offer", "answer", "ice-candidate"],
        RelayPath.Numeric => ["signal"],
        _ => ["offer", "answer", "candidate"],
    };

    /// <summary>The members the dialect reads: type, addressee or session, body, optional sender fields.</summary>
    private static Gen<string[]> Known(RelayPath path, string type, string sender, string target)
    {
        var typeMember = Member("type", RelayTextGenerators.Encoded(type));
        if (path == RelayPath.Numeric)
        {
            return Gen.CollectToArray([typeMember, Member("payload", RelayTextGenerators.Value(2))]);
        }

        var route = path switch
        {
            RelayPath.Homecall => Member("to", RelayTextGenerators.Encoded(target)),
            RelayPath.Mesh => Member("targetUserId", RelayTextGenerators.Encoded(target)),
            _ => Gen.Elements(RelayRun.SessionId, RelayRun.SessionId.ToUpperInvariant()).SelectMany(id => Member("room", RelayTextGenerators.Encoded(id))),
        };
        var body = type is "candidate" or "ice-candidate"
            ? Member("candidate", Gen.Frequency((3, RelayTextGenerators.Value(2).Where(IsObjectOrString)), (1, Gen.Constant("null"))))
            : Member("sdp", RelayTextGenerators.Value(2).Where(IsObjectOrString));
        return from required in Gen.CollectToArray([typeMember, route, body])
               from names in Gen.SubListOf(SenderFieldNames)
               from senderFields in Gen.CollectToArray(names.Select(name => Member(name, RelayTextGenerators.Encoded(sender))))
               select required.Concat(senderFields).ToArray();
    }

    /// <summary>docs/protocol.md §11.1 item 6: `sdp` is an object or a string, `candidate` also null.</summary>
    private static bool IsObjectOrString(string value) => value[0] is '{' or '"';

    /// <summary>A known field: its name plain or with letters as `\u` escapes (it is still that field).</summary>
    private static Gen<string> Member(string name, Gen<string> value) =>
        RelayTextGenerators.Member(RelayTextGenerators.Encoded(name), value);
}
