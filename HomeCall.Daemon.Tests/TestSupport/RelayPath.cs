namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Every way a relay is built and delivered (docs/protocol.md §5.1, §6.2, §7.1, §8.1, §8.2).</summary>
public enum RelayPath
{
    /// <summary>Homecall offer/answer/candidate to `to`: passed through with `from` stamped.</summary>
    Homecall,

    /// <summary>/signal relay to a connected participant: passed through with `room` and `from` stamped.</summary>
    Session,

    /// <summary>/signal relay queued for a participant who joins afterwards.</summary>
    SessionQueued,

    /// <summary>Mesh offer/answer/ice-candidate to `targetUserId`: built afresh with `fromUserId`.</summary>
    Mesh,

    /// <summary>Numeric signal to the other members: built afresh with `senderId`.</summary>
    Numeric,
}
