using HomeCall.Daemon.Signaling.Mesh;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Where a join's room token comes from (docs/protocol.md §12.1): the message's `token` field,
/// else the `token` parameter of the upgrade URL, so a client that cannot add a field can be
/// handed a link. A `token` that is not a string, or a repeated URL parameter, is no valid
/// token: it is presented as empty, and refused.
/// </summary>
internal static class AccessTokens
{
    public const string QueryParameter = "token";

    public static string? Of(in InboundMessage message, ClientState state)
    {
        var field = message.Fields.Token;
        if (field.IsPresent)
        {
            return field.IsString ? message.String(field) : "";
        }

        return FromQuery(state.Connection.Query);
    }

    public static string? FromQuery(string query)
    {
        if (query.Length == 0)
        {
            return null;
        }

        var values = MeshParameters.Parse(query);
        return values.TryGetValue(QueryParameter, out var token) ? token ?? "" : null;
    }
}
