using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Helpers to assert a message's exact shape (which fields, in which order).</summary>
internal static class JsonShape
{
    /// <summary>Property names of an object, in document order.</summary>
    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();

    public static string Type(JsonElement element) => element.GetProperty("type").GetString()!;
}
