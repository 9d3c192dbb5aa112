namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The fields any dialect reads, each declared once: its value here and its row in
/// <see cref="Table"/> (wire name, decoded or opaque, where it is stored), from which
/// <see cref="MessageParser"/>'s lookup derives. A message may carry other fields (passed through where
/// docs/protocol.md §5.1 and §8.1 say so); `type` is the message's own and not one of these.
/// </summary>
internal struct KnownFields
{
    /// <summary>Every known field, in the order docs/protocol.md §3.1 lists them.</summary>
    public static readonly IReadOnlyList<KnownField> Table =
    [
        KnownField.Decoded("room", static (ref KnownFields f) => ref f.Room),
        KnownField.Decoded("user", static (ref KnownFields f) => ref f.User),
        KnownField.Decoded("from", static (ref KnownFields f) => ref f.From),
        KnownField.Decoded("to", static (ref KnownFields f) => ref f.To),
        KnownField.Opaque("sdp", static (ref KnownFields f) => ref f.Sdp),
        KnownField.Opaque("candidate", static (ref KnownFields f) => ref f.Candidate),
        KnownField.Decoded("roomId", static (ref KnownFields f) => ref f.RoomId),
        KnownField.Decoded("targetUserId", static (ref KnownFields f) => ref f.TargetUserId),
        KnownField.Decoded("fromUserId", static (ref KnownFields f) => ref f.FromUserId),
        KnownField.Decoded("senderId", static (ref KnownFields f) => ref f.SenderId),
        KnownField.Opaque("payload", static (ref KnownFields f) => ref f.Payload),
    ];

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
}
