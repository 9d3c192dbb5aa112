namespace HomeCall.Daemon.Http;

/// <summary>One room as /health and /rooms show it to the admin (docs/protocol.md §1.3: the mesh participant shape plus dialect).</summary>
internal sealed record RoomView(string Dialect, string RoomId, IReadOnlyList<ParticipantView> Participants);
