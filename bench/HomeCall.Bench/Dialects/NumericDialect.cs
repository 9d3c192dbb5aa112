using HomeCall.Bench.Net;

namespace HomeCall.Bench.Dialects;

/// <summary>Numeric rooms (docs/protocol.md §7): the first member creates, the others join the 4-digit id; `signal` goes to every other member.</summary>
internal sealed class NumericDialect : IDialect
{
    public string Name => "numeric";

    public Uri UrlFor(Target target, RoomPlan plan, int member) => target.RoomUrl;

    public async Task<JoinedRoom> JoinAsync(IReadOnlyList<BenchClient> members, RoomPlan plan, CancellationToken ct)
    {
        await members[0].SendAsync(Json.Object(("type", "create")), ct).ConfigureAwait(false);
        var created = await members[0].ExpectAsync("room_created", ct).ConfigureAwait(false);
        var roomId = Json.StringField(created, "roomId");
        var ids = new List<string> { Json.StringField(created, "myId") };
        var join = Json.Object(("type", "join"), ("roomId", roomId));
        foreach (var member in members.Skip(1))
        {
            await member.SendAsync(join, ct).ConfigureAwait(false);
            ids.Add(Json.StringField(await member.ExpectAsync("room_joined", ct).ConfigureAwait(false), "myId"));
        }

        return new JoinedRoom(roomId, ids);
    }

    public RelayTemplate Relay(JoinedRoom room, int from, int to, int payloadBytes) =>
        new("{\"type\":\"signal\",\"payload\":", payloadBytes);

    public byte[]? Leave(JoinedRoom room, int member) => null; // docs/protocol.md §7.1: numeric has no leave, closing leaves.
}
