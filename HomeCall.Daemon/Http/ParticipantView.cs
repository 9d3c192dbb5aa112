namespace HomeCall.Daemon.Http;

/// <summary>A participant as mesh lists it (docs/protocol.md §6.1); Name is null where the dialect has no display name.</summary>
internal sealed record ParticipantView(string Id, string? Name, long JoinedAt);
