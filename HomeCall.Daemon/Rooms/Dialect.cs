namespace HomeCall.Daemon.Rooms;

/// <summary>The four dialects (spec §3, §4); each has its own room namespace.</summary>
internal enum Dialect
{
    /// <summary>Seed 000: rooms named by a code word, join/leave/online, offer/answer/candidate by from/to.</summary>
    Homecall,
    /// <summary>Seed 003: identity from the URL, participants, targetUserId relays.</summary>
    Mesh,
    /// <summary>Seed 004: 4-digit rooms, create/join/signal, expiry.</summary>
    Numeric,
    /// <summary>Seeds 001/002: 1:1 call sessions on /signal with a queue for the absent peer.</summary>
    Session,
}
