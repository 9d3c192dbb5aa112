namespace HomeCall.Daemon.Signaling.Mesh;

/// <summary>Mesh identity from the upgrade URL (docs/protocol.md §6): /?roomId=R&amp;userId=U&amp;userName=N.</summary>
internal sealed record MeshParameters(string RoomId, string UserId, string UserName)
{
    /// <summary>The parameters in the order of the record's fields, with their length limits (docs/protocol.md §6.1).</summary>
    private static readonly (string Name, int Max)[] Names =
        [("roomId", FieldRules.MaxRoomLength), ("userId", FieldRules.MaxUserLength), ("userName", FieldRules.MaxUserLength)];

    /// <summary>True when the query names a room, which makes the connection a mesh one (docs/protocol.md §4).</summary>
    public static bool IsMesh(string query) => Parse(query).ContainsKey("roomId");

    /// <summary>The parameters, or the name of the first missing or invalid one.</summary>
    public static MeshParameters? TryRead(string query, out string invalidParameter)
    {
        var values = Parse(query);
        invalidParameter = "";
        var valid = new List<string>(Names.Length);
        foreach (var (name, max) in Names)
        {
            if (!values.TryGetValue(name, out var value) || value is null || !FieldRules.IsValidLength(value, max))
            {
                invalidParameter = name;
                return null;
            }

            valid.Add(value);
        }

        return new MeshParameters(valid[0], valid[1], valid[2]);
    }

    /// <summary>Name → decoded value; a repeated name maps to null (ambiguous, so invalid).</summary>
    private static Dictionary<string, string?> Parse(string query)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Decode(parts[0]);
            var value = parts.Length == 2 ? Decode(parts[1]) : "";
            if (name is null)
            {
                continue;
            }

            values[name] = values.ContainsKey(name) ? null : value;
        }

        return values;
    }

    private static string? Decode(string raw)
    {
        try
        {
            return Uri.UnescapeDataString(raw.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
