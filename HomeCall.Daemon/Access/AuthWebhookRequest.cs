namespace HomeCall.Daemon.Access;

/// <summary>
/// What the daemon POSTs to AUTH_WEBHOOK_URL (docs/protocol.md §12.4), and the cache key of
/// its answer: every field, so another user, address, origin or token is asked afresh.
/// </summary>
internal sealed record AuthWebhookRequest(string Dialect, string? RoomFingerprint, string? Room, string? User, string Ip, string? Origin, string? Token);
