namespace HomeCall.Daemon.Signaling;

/// <summary>Where in <see cref="KnownFields"/> the parser stores one known field.</summary>
internal delegate ref JsonField FieldSlot(ref KnownFields fields);
