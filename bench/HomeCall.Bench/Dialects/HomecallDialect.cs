using HomeCall.Bench.Net;

namespace HomeCall.Bench.Dialects;

/// <summary>Homecall rooms (docs/protocol.md §5): `join` with a code word and a user id, answered by `online`; offers routed by `to`.</summary>
internal sealed class HomecallDialect : IDialect
{
    public string Name => "homecall";

    public Uri UrlFor(Target target, RoomPlan plan, int member) => target.RoomUrl;

    public async Task<JoinedRoom> JoinAsync(IReadOnlyList<BenchClient> members, RoomPlan plan, CancellationToken ct)
    {
        var ids = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            ids.Add(RoomPlan.UserId(i));
            await members[i].SendAsync(Json.Object(("type", "join"), ("room", plan.Name), ("user", ids[i])), ct).ConfigureAwait(false);
            await members[i].ExpectAsync("online", ct).ConfigureAwait(false);
        }

        return new JoinedRoom(plan.Name, ids);
    }

    public RelayTemplate Relay(JoinedRoom room, int from, int to, int payloadBytes) =>
        new("{\"type\":\"offer\",\"to\":\"" + Json.Escape(room.MemberIds[to]) + "\",\"sdp\":", payloadBytes);

    public byte[]? Leave(JoinedRoom room, int member) =>
        Json.Object(("type", "leave"), ("room", room.RoomId), ("user", room.MemberIds[member]));
}
