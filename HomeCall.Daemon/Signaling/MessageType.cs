namespace HomeCall.Daemon.Signaling;

/// <summary>Every client-to-server message type of every dialect; anything else is <see cref="Unknown"/>.</summary>
internal enum MessageType
{
    Unknown,
    Join,
    Leave,
    Offer,
    Answer,
    Candidate,
    IceCandidate,
    Create,
    Signal,
}
