namespace HomeCall.Daemon.Access;

/// <summary>
/// The webhook's answers for AUTH_WEBHOOK_CACHE_MS, keyed by every field of the request, so a
/// reconnecting client or a second tab does not ask again. Only real answers are kept: a
/// timeout or an unreachable webhook is asked again next time. At most
/// <see cref="MaxEntries"/> answers: past it the cache starts over (a flood of distinct
/// requests cannot grow it). Thread-safe: answers arrive on the thread pool.
/// </summary>
internal sealed class AuthDecisionCache(TimeSpan ttl, TimeProvider time)
{
    public const int MaxEntries = 10_000;

    private readonly Dictionary<AuthWebhookRequest, (AuthDecision Decision, DateTimeOffset Until)> _entries = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(AuthWebhookRequest request, out AuthDecision decision)
    {
        decision = AuthDecision.Refused;
        lock (_lock)
        {
            if (!_entries.TryGetValue(request, out var entry))
            {
                return false;
            }

            if (entry.Until <= time.GetUtcNow())
            {
                _entries.Remove(request);
                return false;
            }

            decision = entry.Decision;
            return true;
        }
    }

    public void Put(AuthWebhookRequest request, AuthDecision decision)
    {
        if (ttl <= TimeSpan.Zero || decision.Failed)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[request] = (decision, time.GetUtcNow() + ttl);
        }
    }
}
