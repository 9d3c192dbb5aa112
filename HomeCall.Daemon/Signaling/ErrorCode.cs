namespace HomeCall.Daemon.Signaling;

/// <summary>The stable, machine-readable error codes of docs/protocol.md §9.</summary>
internal static class ErrorCode
{
    public const string InvalidMessage = "invalid-message";
    public const string NotJoined = "not-joined";
    public const string SenderMismatch = "sender-mismatch";
    public const string UserNotFound = "user-not-found";
    public const string RoomNotFound = "room-not-found";
    public const string RoomFull = "room-full";
    public const string SessionEnded = "session-ended";
    public const string SessionNotFound = "session-not-found";
    public const string QueueFull = "queue-full";
    public const string RateLimited = "rate-limited";
    public const string TooManyAttempts = "too-many-attempts";
    public const string TooManySessions = "too-many-sessions";
    public const string NoFreeRooms = "no-free-rooms";
    public const string InvalidParameters = "invalid-parameters";
    public const string Replaced = "replaced";
    public const string RoomExpired = "room-expired";
    public const string ShuttingDown = "shutting-down";
    public const string Forbidden = "forbidden";

    public static readonly IReadOnlyList<string> All =
    [
        InvalidMessage, NotJoined, SenderMismatch, UserNotFound, RoomNotFound, RoomFull, SessionEnded,
        SessionNotFound, QueueFull, RateLimited, TooManyAttempts, TooManySessions, NoFreeRooms, InvalidParameters, Replaced,
        RoomExpired, ShuttingDown, Forbidden,
    ];
}
