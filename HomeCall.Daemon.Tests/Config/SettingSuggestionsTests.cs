using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class SettingSuggestionsTests
{
    [TestCase("MAX_CONECTIONS", "MAX_CONNECTIONS")]
    [TestCase("WS_PROT", "WS_PORT")]
    [TestCase("ws_port", "WS_PORT")]
    [TestCase("ROOM_TIMEOUTMS", "ROOM_TIMEOUT_MS")]
    [TestCase("ADMIN_TOKENS", "ADMIN_TOKEN")]
    public void For_KeyWithinTwoEdits_NamesTheSetting(string key, string meant) =>
        Assert.That(SettingSuggestions.For(key), Is.EqualTo(meant));

    [TestCase("PATH")]
    [TestCase("JAVA_HOME")]
    [TestCase("DOTNET_gcServer")]
    [TestCase("RATE_LIMIT_PER_SECOND")]
    public void For_UnrelatedKey_NamesNothing(string key) =>
        Assert.That(SettingSuggestions.For(key), Is.Null);
}
