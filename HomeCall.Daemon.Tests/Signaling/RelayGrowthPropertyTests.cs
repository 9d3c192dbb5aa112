using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// docs/protocol.md §3.1: for every relay type of every dialect, whatever the names and values
/// (control, C1, DEL, emoji, escapes), the relay is valid JSON, at most its message plus the
/// stamped sender member, and means what the message meant: the stamped fields name the sender,
/// and every field passed on is the message's, byte for byte.
/// </summary>
public sealed class RelayGrowthPropertyTests
{
    private const int Cases = 250;

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property Relay_Homecall_WithinBoundAndSameFieldsByteForByte() => Holds(RelayPath.Homecall);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property Relay_Session_WithinBoundAndSameFieldsByteForByte() => Holds(RelayPath.Session);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property Relay_SessionQueued_WithinBoundAndSameFieldsByteForByte() => Holds(RelayPath.SessionQueued);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property Relay_Mesh_WithinBoundAndBodyByteForByte() => Holds(RelayPath.Mesh);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property Relay_Numeric_WithinBoundAndPayloadByteForByte() => Holds(RelayPath.Numeric);

    private static Property Holds(RelayPath path) =>
        Prop.ForAll(RelayCaseGenerators.For(path).ToArbitrary(), c => Failure(c) is { } failure ? false.Label(failure) : true.Label("holds"));

    private static string? Failure(RelayCase c)
    {
        var message = Encoding.UTF8.GetBytes(c.Message);
        var run = RelayRun.Send(c.Path, c.SenderId, c.TargetId, message);
        if (run.ReceiverGot.Count != 1)
        {
            return $"the receiver got {run.ReceiverGot.Count} messages, the sender {string.Join(" | ", run.SenderGot)}";
        }

        var relay = Encoding.UTF8.GetBytes(run.ReceiverGot[0]);
        var bound = RelayBound.Of(message.Length, run.StampName, run.StampValue);
        if (relay.Length > bound)
        {
            return $"relay of {relay.Length} bytes, over {bound}";
        }

        var (stamped, passed) = Expected(c, run, RawJsonMember.Of(message));
        var got = RawJsonMember.Of(relay);
        if (got.Count != stamped.Length + passed.Length)
        {
            return $"fields {string.Join(",", got.Select(m => m.RawName))}";
        }

        for (var i = 0; i < stamped.Length; i++)
        {
            if (got[i].Name != stamped[i].Name || got[i].Value.GetString() != stamped[i].Value)
            {
                return $"stamped field {i} is {got[i].RawName}:{got[i].RawValue}";
            }
        }

        // A relay built afresh names its body itself; a pass-through relay copies names too.
        var namesCopied = c.Path is not (RelayPath.Mesh or RelayPath.Numeric);
        return passed.Select((m, i) => Differs(m, got[stamped.Length + i], namesCopied)).FirstOrDefault(d => d is not null);
    }

    /// <summary>The fields the daemon stamps (name, text), and the message's fields the relay passes on, in order.</summary>
    private static ((string Name, string Value)[] Stamped, RawJsonMember[] Passed) Expected(RelayCase c, RelayRun run, IReadOnlyList<RawJsonMember> message)
    {
        if (c.Path is RelayPath.Mesh or RelayPath.Numeric)
        {
            var bodyName = c.Path == RelayPath.Numeric ? "payload" : c.Type == "ice-candidate" ? "candidate" : "sdp";
            return ([("type", c.Type), (run.StampName, run.StampValue)], [message.Single(m => m.Name == bodyName)]);
        }

        var withRoom = c.Path != RelayPath.Homecall;
        (string, string)[] stamped = withRoom
            ? [("type", c.Type), ("room", RelayRun.SessionId), ("from", c.SenderId)]
            : [("type", c.Type), ("from", c.SenderId)];
        return (stamped, message.Where(m => m.Name is not ("type" or "from") && !(withRoom && m.Name == "room")).ToArray());
    }

    /// <summary>Null when the relay's field is the message's: the same bytes, and so the same name and value decoded.</summary>
    private static string? Differs(RawJsonMember sent, RawJsonMember relayed, bool namesCopied) =>
        (!namesCopied || sent.RawName == relayed.RawName) && sent.RawValue == relayed.RawValue
            && sent.Name == relayed.Name && JsonElement.DeepEquals(sent.Value, relayed.Value)
            ? null
            : $"sent {sent.RawName}:{sent.RawValue}, relayed {relayed.RawName}:{relayed.RawValue}";
}
