using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The ICE server settings are checked together: every URL parses (RFC 7064, RFC 7065) under the
/// right key, and TURN URLs and the secret come as a pair, since a TURN URL without credentials
/// fails every relayed call and a secret without a URL is a setting that does nothing
/// (docs/turn.md).
/// </summary>
internal static class IceSettingsRules
{
    public static void Check(SettingReader r, DaemonOptions o)
    {
        CheckUrls(r, K.StunUrls, o.StunUrls, stun: true);
        CheckUrls(r, K.TurnUrls, o.TurnUrls, stun: false);
        var inline = o.TurnSecret.Length > 0;
        var file = o.TurnSecretFile.Length > 0;
        if (inline && file)
        {
            r.Fail($"{K.TurnSecret} and {K.TurnSecretFile} are both set: keep one ({K.TurnSecretFile} keeps the secret out of the environment)");
        }
        else if (o.TurnUrls.Count > 0 && !inline && !file)
        {
            r.Fail($"{K.TurnUrls} is set but {K.TurnSecret} and {K.TurnSecretFile} are empty: set coturn's static-auth-secret in one of them (docs/turn.md)");
        }
        else if (o.TurnUrls.Count == 0 && (inline || file))
        {
            r.Fail($"{(inline ? K.TurnSecret : K.TurnSecretFile)} is set but {K.TurnUrls} is empty: list the TURN server's turn: URLs");
        }
    }

    private static void CheckUrls(SettingReader r, string key, IReadOnlyList<string> urls, bool stun)
    {
        foreach (var text in urls)
        {
            var url = IceUrl.Parse(text, out var problem);
            if (url is null)
            {
                r.Fail($"{key} has an invalid URL '{text}': {problem}");
            }
            else if (url.IsStun != stun)
            {
                r.Fail($"{key} takes only {(stun ? "stun: and stuns:" : "turn: and turns:")} URLs (got '{text}'; {(stun ? K.TurnUrls : K.StunUrls)} is for those)");
            }
        }
    }
}
