using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Access;

/// <summary>
/// One join to decide: the dialect, the room (null for a numeric `create`, whose id is not
/// chosen yet), the user it joins as (null in numeric rooms, whose members are anonymous),
/// and the token it presented, if any.
/// </summary>
internal sealed record AccessRequest(Dialect Dialect, string? Room, string? User, string? Token);
