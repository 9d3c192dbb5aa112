namespace HomeCall.Daemon.Http;

/// <summary>A participant as seed 003 lists it; Name is null where the dialect has no display name.</summary>
internal sealed record ParticipantView(string Id, string? Name, long JoinedAt);
