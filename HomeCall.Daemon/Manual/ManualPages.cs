namespace HomeCall.Daemon.Manual;

/// <summary>The manual pages `homecall man PAGE` prints, by name.</summary>
internal static class ManualPages
{
    public static IReadOnlyDictionary<string, Func<string, string>> ByName { get; } = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
    {
        [HomecallPage.Name] = HomecallPage.Render,
        [EnvFilePage.Name] = EnvFilePage.Render,
    };
}
