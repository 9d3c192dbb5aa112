namespace HomeCall.Daemon.Signaling;

/// <summary>Field length ranges (docs/protocol.md §3.2), in UTF-16 units of the decoded value.</summary>
internal static class FieldRules
{
    public const int MaxRoomLength = 128;
    public const int MaxUserLength = 64;

    /// <summary>A present string whose decoded length is 1..max.</summary>
    public static bool IsValid(in InboundMessage message, JsonField field, int max, out string value)
    {
        value = "";
        if (!field.IsString)
        {
            return false;
        }

        value = message.String(field);
        return value.Length is > 0 && value.Length <= max;
    }

    public static bool IsValidLength(string value, int max) => value.Length > 0 && value.Length <= max;
}
