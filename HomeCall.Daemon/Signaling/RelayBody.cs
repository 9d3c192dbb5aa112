namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The body of an SDP/ICE relay, the same in every dialect that has one (docs/protocol.md §5.1, §6.2,
/// §8.1): `sdp` is a string or an object; `candidate` is an object, a string, or null for
/// end-of-candidates. Anything else (absent, number, array, boolean) is invalid-message.
/// </summary>
internal static class RelayBody
{
    public static JsonField Of(in InboundMessage message) =>
        message.Type is MessageType.Candidate or MessageType.IceCandidate ? message.Fields.Candidate : message.Fields.Sdp;

    public static bool IsValid(in InboundMessage message)
    {
        var body = Of(message);
        return message.Type is MessageType.Candidate or MessageType.IceCandidate
            ? body.IsObject || body.IsString || body.IsNull
            : body.IsObject || body.IsString;
    }
}
