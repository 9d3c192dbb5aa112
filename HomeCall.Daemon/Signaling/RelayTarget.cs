using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Finds a relay's addressee by comparing the message's raw target field with each
/// member's id, so the hot path decodes no string (the id is decoded only for an error).
/// Caller holds the registry lock.
/// </summary>
internal static class RelayTarget
{
    public static IConnection? Find(Room room, in InboundMessage message, JsonField target)
    {
        foreach (var member in room.Members)
        {
            if (message.StringEquals(target, member.UserId))
            {
                return member.Connection;
            }
        }

        return null;
    }

    /// <summary>The one member of a /signal session other than <paramref name="sender"/>, if any.</summary>
    public static Member? Other(Room session, Member sender)
    {
        foreach (var member in session.Members)
        {
            if (member != sender)
            {
                return member;
            }
        }

        return null;
    }
}
