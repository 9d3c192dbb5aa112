using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The rules of the access settings (docs/protocol.md §12): one source of the room secret, a
/// secret long enough that one token cannot be brute-forced offline, and a webhook URL the
/// daemon can POST to.
/// </summary>
internal static class AccessRules
{
    /// <summary>Also checked on ROOM_SECRET_FILE's contents when it is read.</summary>
    public const int MinSecretChars = 16;

    public static void Check(SettingReader r, DaemonOptions o)
    {
        if (o.RoomSecret.Length > 0 && o.RoomSecretFile.Length > 0)
        {
            r.Fail($"{K.RoomSecret} and {K.RoomSecretFile} are both set: set one");
        }

        if (o.RoomSecret.Length is > 0 and < MinSecretChars)
        {
            r.Fail($"{K.RoomSecret} must have at least {MinSecretChars} characters (create one with: openssl rand -base64 32)");
        }

        if (o.AuthWebhookUrl.Length > 0
            && (!Uri.TryCreate(o.AuthWebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            r.Fail($"{K.AuthWebhookUrl} must be an absolute http:// or https:// URL"); // Not echoed: it may carry credentials.
        }
    }
}
