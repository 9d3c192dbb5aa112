using HomeCall.Bench.Net;

namespace HomeCall.Bench.Dialects;

/// <summary>Mesh rooms (docs/protocol.md §6): identity in the upgrade URL, `participants` on arrival, offers by `targetUserId`.</summary>
internal sealed class MeshDialect : IDialect
{
    public string Name => "mesh";

    public Uri UrlFor(Target target, RoomPlan plan, int member)
    {
        var user = RoomPlan.UserId(member);
        var query = $"roomId={Uri.EscapeDataString(plan.Name)}&userId={user}&userName=Bench%20{user}";
        return new UriBuilder(target.RoomUrl) { Query = query }.Uri;
    }

    public async Task<JoinedRoom> JoinAsync(IReadOnlyList<BenchClient> members, RoomPlan plan, CancellationToken ct)
    {
        foreach (var member in members)
        {
            await member.ExpectAsync("participants", ct).ConfigureAwait(false);
        }

        return new JoinedRoom(plan.Name, Enumerable.Range(0, members.Count).Select(RoomPlan.UserId).ToArray());
    }

    public RelayTemplate Relay(JoinedRoom room, int from, int to, int payloadBytes) =>
        new("{\"type\":\"offer\",\"targetUserId\":\"" + Json.Escape(room.MemberIds[to]) + "\",\"sdp\":", payloadBytes);

    public byte[]? Leave(JoinedRoom room, int member) => null; // docs/protocol.md §6.3: the room is left by disconnecting.
}
