using System.Globalization;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Access;

/// <summary>
/// The link `homecall invite` prints (docs/protocol.md §12.1): the URL a client opens with the
/// token in its query, so an unmodified client can be handed it. Without --base-url it is the
/// daemon's own WebSocket URL (`/signal` for sessions) or, for the self-test, its page;
/// a mesh link also carries `roomId` (and `userId` when the token is bound to a user).
/// </summary>
internal static class InviteLink
{
    public static string For(RoomToken token, string encoded, string? baseUrl, bool selfTest, DaemonOptions options)
    {
        var link = baseUrl ?? DefaultBase(token.Dialect, selfTest, options);
        var parameters = new List<string>();
        if (token.Dialect == Dialect.Mesh)
        {
            parameters.Add("roomId=" + Uri.EscapeDataString(token.Room));
            if (token.User is not null)
            {
                parameters.Add("userId=" + Uri.EscapeDataString(token.User));
            }
        }

        parameters.Add("token=" + encoded); // base64url: safe in a query as it is.
        return link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', parameters);
    }

    private static string DefaultBase(Dialect dialect, bool selfTest, DaemonOptions options)
    {
        var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        var port = options.Port.ToString(CultureInfo.InvariantCulture);
        if (selfTest)
        {
            return $"http://{host}:{port}/";
        }

        return dialect == Dialect.Session ? $"ws://{host}:{port}/signal" : $"ws://{host}:{port}/";
    }
}
