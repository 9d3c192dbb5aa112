using HomeCall.Daemon.Config;
using Serilog;

namespace HomeCall.Daemon.Access;

/// <summary>
/// Builds the <see cref="AccessPolicy"/> the settings name, at start and on a reload. A reload
/// keeps the running webhook client (and its cached answers) unless an AUTH_WEBHOOK_* setting
/// changed: a new URL must not be answered from what the old one said. Owns the one HTTP
/// client all webhook clients share.
/// </summary>
internal sealed class AccessPolicyFactory(TimeProvider time, ILogger log) : IDisposable
{
    private readonly HttpClient _http = AuthWebhookClient.NewHttpClient();

    public AccessPolicy Build(DaemonOptions options, RoomSecret secret) => new(secret, NewWebhook(options));

    /// <summary>The policy for a reload's settings, or null when it is the running one's.</summary>
    public AccessPolicy? Rebuild(AccessPolicy running, DaemonOptions options, RoomSecret secret)
    {
        var sameWebhook = running.Webhook is null ? options.AuthWebhookUrl.Length == 0 : running.Webhook.Matches(options);
        if (sameWebhook && running.Secret.SameAs(secret))
        {
            return null;
        }

        return new AccessPolicy(secret, sameWebhook ? running.Webhook : NewWebhook(options));
    }

    public void Dispose() => _http.Dispose();

    private AuthWebhookClient? NewWebhook(DaemonOptions options) =>
        options.AuthWebhookUrl.Length == 0
            ? null
            : new AuthWebhookClient(_http, new Uri(options.AuthWebhookUrl), options.AuthWebhookTimeout, options.AuthWebhookCache, time, log);
}
