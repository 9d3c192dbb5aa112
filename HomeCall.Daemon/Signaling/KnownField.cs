namespace HomeCall.Daemon.Signaling;

/// <summary>
/// One field the daemon reads (a row of <see cref="KnownFields.Table"/>): its wire name, whether
/// its string value is decoded, and where <see cref="MessageParser"/> stores it.
/// </summary>
internal sealed class KnownField
{
    private readonly FieldSlot _slot;

    private KnownField(string name, bool isDecoded, FieldSlot slot)
    {
        Name = name;
        IsDecoded = isDecoded;
        _slot = slot;
    }

    public string Name { get; }

    /// <summary>
    /// An identity string (room, user, sender, target) that handlers decode, compare and store,
    /// so an escape in it must decode (docs/protocol.md §3.1); otherwise an opaque body copied
    /// to relays as sent and never decoded.
    /// </summary>
    public bool IsDecoded { get; }

    /// <summary>A field whose string value is decoded: an escape in it that does not decode is invalid-message.</summary>
    public static KnownField Decoded(string name, FieldSlot slot) => new(name, isDecoded: true, slot);

    /// <summary>A field relayed byte for byte, escapes included (sdp, candidate, payload).</summary>
    public static KnownField Opaque(string name, FieldSlot slot) => new(name, isDecoded: false, slot);

    public ref JsonField In(ref KnownFields fields) => ref _slot(ref fields);
}
