using System.Text.Json.Serialization;

namespace HomeCall.Daemon.Access;

/// <summary>The webhook request's JSON, camelCase, nulls written (the hook sees every field), generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuthWebhookRequest))]
internal sealed partial class AuthWebhookJson : JsonSerializerContext;
