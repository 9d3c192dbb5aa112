namespace HomeCall.Daemon.Signaling;

/// <summary>The fields any dialect reads; a message may carry others (passed through where docs/protocol.md §5.1 and §8.1 say so).</summary>
internal struct KnownFields
{
    public JsonField Room;
    public JsonField User;
    public JsonField From;
    public JsonField To;
    public JsonField Sdp;
    public JsonField Candidate;
    public JsonField RoomId;
    public JsonField TargetUserId;
    public JsonField FromUserId;
    public JsonField SenderId;
    public JsonField Payload;
    public JsonField Token;
}
