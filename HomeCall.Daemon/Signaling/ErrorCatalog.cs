using HomeCall.Daemon.Config;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Error texts for people (docs/protocol.md §3.3): English, and Russian on /signal by default because
/// the /signal clients (docs/protocol.md §8) show them to users verbatim. ERROR_LANGUAGE forces one language.
/// </summary>
internal static class ErrorCatalog
{
    private static readonly Dictionary<string, (string En, string Ru)> Texts = new(StringComparer.Ordinal)
    {
        [ErrorCode.InvalidMessage] = ("Invalid message", "Некорректное сообщение"),
        [ErrorCode.NotJoined] = ("Join a room first", "Сначала войдите в комнату"),
        [ErrorCode.SenderMismatch] = ("Sender does not match the joined user", "Отправитель не совпадает с участником"),
        [ErrorCode.UserNotFound] = ("User not found", "Пользователь не найден"),
        [ErrorCode.RoomNotFound] = ("Room not found", "Комната не найдена"),
        [ErrorCode.RoomFull] = ("Room is full", "Комната заполнена"),
        [ErrorCode.SessionEnded] = ("Session ended", "Сессия завершена"),
        [ErrorCode.SessionNotFound] = ("Signal not found", "Сигнал не найден"),
        [ErrorCode.QueueFull] = ("Message queue is full", "Очередь сообщений заполнена"),
        [ErrorCode.RateLimited] = ("Too many messages, slow down", "Слишком много сообщений"),
        [ErrorCode.TooManyAttempts] = ("Too many failed attempts, try again later", "Слишком много неудачных попыток, попробуйте позже"),
        [ErrorCode.TooManySessions] = ("Too many new sessions, try again later", "Слишком много новых сессий, попробуйте позже"),
        [ErrorCode.NoFreeRooms] = ("No free rooms", "Нет свободных комнат"),
        [ErrorCode.InvalidParameters] = ("Invalid parameters", "Некорректные параметры"),
        [ErrorCode.Replaced] = ("Connected from another place", "Подключение с другого устройства"),
        [ErrorCode.RoomExpired] = ("Room expired", "Комната закрыта по неактивности"),
        [ErrorCode.ShuttingDown] = ("Server is shutting down", "Сервер останавливается"),
        [ErrorCode.Forbidden] = ("Access denied: a valid invitation is required", "Доступ запрещён, нужно действительное приглашение"),
    };

    public static string Text(string code, Dialect? dialect, ErrorLanguage language)
    {
        var (en, ru) = Texts[code];
        return language switch
        {
            ErrorLanguage.English => en,
            ErrorLanguage.Russian => ru,
            _ => dialect == Dialect.Session ? ru : en,
        };
    }
}
