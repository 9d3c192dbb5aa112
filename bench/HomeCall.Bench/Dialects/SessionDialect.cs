using HomeCall.Bench.Net;

namespace HomeCall.Bench.Dialects;

/// <summary>
/// The /signal 1:1 sessions (docs/protocol.md §8): `join` with a UUID has no acknowledgement, and a relay
/// sent before the other participant joined is queued for it, so joining needs no wait.
/// `leave` from the first member ends the session for both.
/// </summary>
internal sealed class SessionDialect : IDialect
{
    public string Name => "session";

    public Uri UrlFor(Target target, RoomPlan plan, int member) => target.SignalUrl;

    public async Task<JoinedRoom> JoinAsync(IReadOnlyList<BenchClient> members, RoomPlan plan, CancellationToken ct)
    {
        var ids = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            ids.Add(RoomPlan.UserId(i));
            await members[i].SendAsync(Json.Object(("type", "join"), ("room", plan.Name), ("user", ids[i])), ct).ConfigureAwait(false);
        }

        return new JoinedRoom(plan.Name, ids);
    }

    public RelayTemplate Relay(JoinedRoom room, int from, int to, int payloadBytes) =>
        new("{\"type\":\"offer\",\"room\":\"" + room.RoomId + "\",\"sdp\":", payloadBytes);

    public byte[]? Leave(JoinedRoom room, int member) =>
        member == 0 ? Json.Object(("type", "leave"), ("room", room.RoomId), ("user", room.MemberIds[member])) : null;
}
