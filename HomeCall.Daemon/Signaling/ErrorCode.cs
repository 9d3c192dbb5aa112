namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The stable, machine-readable error codes of docs/protocol.md §9, each declared once: its
/// constant and its row in <see cref="Table"/> with the English and Russian text.
/// <see cref="All"/> and <see cref="ErrorCatalog"/> derive from the table.
/// </summary>
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

    /// <summary>Every code with its texts, in the order of docs/protocol.md §9.</summary>
    public static readonly IReadOnlyList<ErrorText> Table =
    [
        new(InvalidMessage, "Invalid message", "Некорректное сообщение"),
        new(NotJoined, "Join a room first", "Сначала войдите в комнату"),
        new(SenderMismatch, "Sender does not match the joined user", "Отправитель не совпадает с участником"),
        new(UserNotFound, "User not found", "Пользователь не найден"),
        new(RoomNotFound, "Room not found", "Комната не найдена"),
        new(RoomFull, "Room is full", "Комната заполнена"),
        new(SessionEnded, "Session ended", "Сессия завершена"),
        new(SessionNotFound, "Signal not found", "Сигнал не найден"),
        new(QueueFull, "Message queue is full", "Очередь сообщений заполнена"),
        new(RateLimited, "Too many messages, slow down", "Слишком много сообщений"),
        new(TooManyAttempts, "Too many failed attempts, try again later", "Слишком много неудачных попыток, попробуйте позже"),
        new(TooManySessions, "Too many new sessions, try again later", "Слишком много новых сессий, попробуйте позже"),
        new(NoFreeRooms, "No free rooms", "Нет свободных комнат"),
        new(InvalidParameters, "Invalid parameters", "Некорректные параметры"),
        new(Replaced, "Connected from another place", "Подключение с другого устройства"),
        new(RoomExpired, "Room expired", "Комната закрыта по неактивности"),
        new(ShuttingDown, "Server is shutting down", "Сервер останавливается"),
    ];

    public static readonly IReadOnlyList<string> All = [.. Table.Select(row => row.Code)];
}
