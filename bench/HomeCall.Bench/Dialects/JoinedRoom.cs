namespace HomeCall.Bench.Dialects;

/// <summary>A room after joining: its id as the server knows it, and each member's id (numeric: the server's myId).</summary>
internal sealed record JoinedRoom(string RoomId, IReadOnlyList<string> MemberIds);
