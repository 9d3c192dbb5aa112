namespace HomeCall.Daemon.Transport;

/// <summary>How far <see cref="RequestParser"/> got with the bytes it was given.</summary>
internal enum ParseStatus
{
    /// <summary>No blank line yet: read more (within the head limit and the handshake timeout).</summary>
    Incomplete,
    Complete,
    /// <summary>Malformed: answer 400.</summary>
    Invalid,
    /// <summary>No end of head within the limit: answer 431.</summary>
    TooLarge,
}
