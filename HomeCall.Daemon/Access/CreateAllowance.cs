namespace HomeCall.Daemon.Access;

/// <summary>
/// Counts the rooms each token created (docs/protocol.md §12.3): a token with a create count N
/// creates at most N rooms. Counted in memory per token until it expires (a restart forgets
/// the counts). Guarded by the registry lock.
/// </summary>
internal sealed class CreateAllowance
{
    private readonly Dictionary<string, (int Used, DateTimeOffset ExpiresAt)> _used = new(StringComparer.Ordinal);

    public int Tracked => _used.Count;

    /// <summary>True (and counted) when <paramref name="grant"/> may create one more room.</summary>
    public bool TryTake(AccessGrant grant)
    {
        if (grant.Token is not { } token)
        {
            return true;
        }

        if (token.CreateLimit is not { } limit)
        {
            return true;
        }

        var used = _used.TryGetValue(grant.TokenText!, out var entry) ? entry.Used : 0;
        if (used >= limit)
        {
            return false;
        }

        _used[grant.TokenText!] = (used + 1, token.ExpiresAt);
        return true;
    }

    /// <summary>Forgets the counts of expired tokens (they admit nobody any more).</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (key, _) in _used.Where(kv => kv.Value.ExpiresAt <= now).ToArray())
        {
            _used.Remove(key);
        }
    }
}
