using System.Text.Json;

namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// One member of the message object, as byte ranges of the message. The key range is the
/// whole string token, quotes included (so it can be handed to a reader to decode); the
/// value range is the raw value without the whitespace around it, as the reader's
/// TokenStartIndex..BytesConsumed was. The escaped flags say whether a string holds a
/// backslash, i.e. whether its bytes differ from its text (the reader's ValueIsEscaped).
/// </summary>
internal readonly record struct JsonMember(
    int KeyStart,
    int KeyEnd,
    bool KeyEscaped,
    int ValueStart,
    int ValueEnd,
    JsonTokenType Kind,
    bool ValueEscaped);
