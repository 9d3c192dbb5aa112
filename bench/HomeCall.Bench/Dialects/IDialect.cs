using HomeCall.Bench.Net;

namespace HomeCall.Bench.Dialects;

/// <summary>
/// What the load generator needs of a wire dialect (docs/protocol.md §4–§8): where a member connects,
/// how a group joins one room, the relay message a member sends to another, and the
/// `leave` it sends before closing where the dialect has one.
/// </summary>
internal interface IDialect
{
    string Name { get; }

    Uri UrlFor(Target target, RoomPlan plan, int member);

    /// <summary>Joins the connected members to one room, one after another; returns once the server confirmed (where it does).</summary>
    Task<JoinedRoom> JoinAsync(IReadOnlyList<BenchClient> members, RoomPlan plan, CancellationToken ct);

    RelayTemplate Relay(JoinedRoom room, int from, int to, int payloadBytes);

    /// <summary>The message member <paramref name="member"/> sends to leave, or null when closing is the way to leave.</summary>
    byte[]? Leave(JoinedRoom room, int member);
}
