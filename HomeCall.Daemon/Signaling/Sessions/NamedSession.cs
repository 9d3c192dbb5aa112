namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>
/// The session a message's `room` names: <see cref="Id"/> normalised (null when not a UUID), and
/// <see cref="Echo"/>, what errors about the message carry — the id in lower case, anything else
/// as sent (docs/protocol.md §8.3).
/// </summary>
internal readonly record struct NamedSession(string? Id, string? Echo)
{
    /// <summary>
    /// The usual case — the lower-case id of the session this connection is in — is recognised
    /// without decoding; membership itself is checked again under the lock.
    /// </summary>
    public static NamedSession Of(ClientState state, in InboundMessage message)
    {
        var field = message.Fields.Room;
        if (!field.IsString)
        {
            return new(null, null);
        }

        if (state.Room is { } current && message.StringEquals(field, current.Id))
        {
            return new(current.Id, current.Id);
        }

        var named = message.String(field);
        var id = SessionIds.Normalize(named);
        return new(id, id ?? named);
    }
}
