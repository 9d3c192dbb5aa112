namespace HomeCall.Daemon.Http;

/// <summary>One room as /health and /rooms show it to the admin (seed 003's shape plus dialect).</summary>
internal sealed record RoomView(string Dialect, string RoomId, IReadOnlyList<ParticipantView> Participants);
