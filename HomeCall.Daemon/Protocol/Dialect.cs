namespace HomeCall.Daemon.Protocol;

/// <summary>The four dialects (docs/protocol.md §4–§8); each has its own room namespace.</summary>
internal enum Dialect
{
    /// <summary>docs/protocol.md §5: rooms named by a code word, join/leave/online, offer/answer/candidate by from/to.</summary>
    Homecall,
    /// <summary>docs/protocol.md §6: identity from the URL, participants, targetUserId relays.</summary>
    Mesh,
    /// <summary>docs/protocol.md §7: 4-digit rooms, create/join/signal, expiry.</summary>
    Numeric,
    /// <summary>docs/protocol.md §8: 1:1 call sessions on /signal with a queue for the absent peer.</summary>
    Session,
}
