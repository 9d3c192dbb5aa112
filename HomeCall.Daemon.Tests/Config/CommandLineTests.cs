using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Tests.Config;

public sealed class CommandLineTests
{
    [Test]
    public void Parse_NoArguments_RunsWithNoOverrides()
    {
        var request = CommandLine.Parse([]);

        Assert.That(request.Mode, Is.EqualTo(CommandMode.Run));
        Assert.That(request.Overrides, Is.Empty);
        Assert.That(request.EnvFile, Is.Null);
        Assert.That(request.Errors, Is.Empty);
    }

    [Test]
    public void Parse_SettingFlags_BecomeOverridesUnderTheirKeys()
    {
        var request = CommandLine.Parse(["--host", "0.0.0.0", "--port", "9000", "--log-level", "debug", "--env-file", "/etc/h.env", "--key-file", "/k/fp.key"]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.Overrides, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["WS_HOST"] = "0.0.0.0",
            ["WS_PORT"] = "9000",
            ["LOG_LEVEL"] = "debug",
            ["FINGERPRINT_KEY_FILE"] = "/k/fp.key",
        }));
        Assert.That(request.EnvFile, Is.EqualTo("/etc/h.env"));
    }

    [Test]
    public void Parse_FlagsWithEquals_SameAsTheValueAfterThem()
    {
        var request = CommandLine.Parse(["--host=0.0.0.0", "--port=9000", "--log-level=debug", "--env-file=/etc/h=1.env", "--port="]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.Overrides, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["WS_HOST"] = "0.0.0.0",
            ["WS_PORT"] = "", // The last --port wins, and an empty port is the validator's to refuse.
            ["LOG_LEVEL"] = "debug",
        }));
        Assert.That(request.EnvFile, Is.EqualTo("/etc/h=1.env"), "only the first '=' splits");
    }

    [TestCase("--version=1", "--version takes no value")]
    [TestCase("--check-config=yes", "--check-config takes no value")]
    [TestCase("--bogus=1", "unknown option '--bogus'")]
    public void Parse_EqualsOnAFlagWithoutValue_OneClearError(string arg, string error)
    {
        var request = CommandLine.Parse([arg]);

        Assert.That(request.Errors, Is.EqualTo(new[] { error }));
    }

    [TestCase("--check-config", nameof(CommandMode.CheckConfig))]
    [TestCase("--version", nameof(CommandMode.Version))]
    [TestCase("--help", nameof(CommandMode.Help))]
    [TestCase("-h", nameof(CommandMode.Help))]
    public void Parse_ModeFlag_SelectsMode(string flag, string mode)
    {
        var request = CommandLine.Parse([flag]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.Mode, Is.EqualTo(Enum.Parse<CommandMode>(mode)));
    }

    [Test]
    public void Parse_CheckConfigWithEnvFile_KeepsBoth()
    {
        var request = CommandLine.Parse(["--check-config", "--env-file", "x.env", "--port", "1"]);

        Assert.That(request.Mode, Is.EqualTo(CommandMode.CheckConfig));
        Assert.That(request.EnvFile, Is.EqualTo("x.env"));
        Assert.That(request.Overrides["WS_PORT"], Is.EqualTo("1"));
    }

    [Test]
    public void Parse_FingerprintRoomWithoutDialect_LeavesTheDialectToTheRoom()
    {
        var request = CommandLine.Parse(["fingerprint", "garden"]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.Mode, Is.EqualTo(CommandMode.Fingerprint));
        Assert.That(request.FingerprintRoom, Is.EqualTo("garden"));
        Assert.That(request.FingerprintDialect, Is.Null);
    }

    [TestCase("fingerprint", "1234", "--dialect", "numeric")]
    [TestCase("fingerprint", "--dialect", "numeric", "1234")]
    [TestCase("fingerprint", "--dialect=numeric", "--key-file=/k", "1234")]
    public void Parse_FingerprintWithDialect_TakesDialectInAnyOrder(params string[] args)
    {
        var request = CommandLine.Parse(args);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.FingerprintRoom, Is.EqualTo("1234"));
        Assert.That(request.FingerprintDialect, Is.EqualTo(Dialect.Numeric));
    }

    [Test]
    public void Parse_FingerprintUnknownDialect_ReportsIt()
    {
        var request = CommandLine.Parse(["fingerprint", "garden", "--dialect", "irc"]);

        Assert.That(request.Errors, Is.EqualTo((string[])["--dialect must be homecall, mesh, numeric or session (got 'irc')"]));
    }

    [TestCase]
    [TestCase("a", "b")]
    public void Parse_FingerprintWithoutExactlyOneRoom_ReportsIt(params string[] rooms)
    {
        var request = CommandLine.Parse(["fingerprint", .. rooms]);

        Assert.That(request.Errors, Is.EqualTo((string[])["fingerprint takes exactly one ROOM"]));
    }

    [TestCase("--bogus")]
    [TestCase("-p")]
    public void Parse_UnknownOption_ReportsIt(string option)
    {
        var request = CommandLine.Parse([option]);

        Assert.That(request.Errors, Is.EqualTo((string[])[$"unknown option '{option}'"]));
    }

    [TestCase("--port")]
    [TestCase("--host")]
    [TestCase("--env-file")]
    [TestCase("--key-file")]
    public void Parse_FlagWithoutValue_ReportsIt(string flag)
    {
        var request = CommandLine.Parse([flag]);

        Assert.That(request.Errors, Is.EqualTo((string[])[flag + " needs a value"]));
    }

    [Test]
    public void Parse_StrayArgument_ReportsIt()
    {
        var request = CommandLine.Parse(["--port", "1", "serve"]);

        Assert.That(request.Errors, Is.EqualTo((string[])["unexpected argument 'serve'"]));
    }

    [Test]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var request = CommandLine.Parse(["--bogus", "stray", "--port"]);

        Assert.That(request.Errors, Has.Count.EqualTo(3));
    }

    [Test]
    public void Parse_Invite_EveryOptionRead()
    {
        var request = CommandLine.Parse(["invite", "garden", "--dialect=mesh", "--user", "u1", "--ttl", "7d", "--create", "0", "--base-url", "https://h/", "--env-file", "/e"]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That((request.Mode, request.EnvFile), Is.EqualTo((CommandMode.Invite, "/e")));
        Assert.That(request.Invite, Is.EqualTo(new InviteRequest("garden", Dialect.Mesh, "u1", TimeSpan.FromDays(7), 0, "https://h/", null, false)));
    }

    [Test]
    public void Parse_InviteWithoutOptions_Defaults24hNoCreateLimit()
    {
        var invite = CommandLine.Parse(["invite", "garden"]).Invite!;

        Assert.That((invite.Ttl, invite.CreateLimit, invite.Dialect), Is.EqualTo((TimeSpan.FromHours(24), (int?)null, (Dialect?)null)));
    }

    [TestCase("0h")]
    [TestCase("24")]
    [TestCase("367d")]
    [TestCase("-1h")]
    [TestCase("1.5h")]
    public void Parse_InviteBadTtl_Reported(string ttl) =>
        Assert.That(CommandLine.Parse(["invite", "garden", "--ttl", ttl]).Errors.Single(), Does.StartWith("--ttl must be"));

    [Test]
    public void Parse_InviteCheck_NoRoomNeeded()
    {
        var request = CommandLine.Parse(["invite", "--check", "abc.def"]);

        Assert.That((request.Errors.Count, request.Invite!.CheckToken), Is.EqualTo((0, "abc.def")));
    }

    [TestCase(new[] { "invite" }, "invite takes exactly one ROOM (or --check TOKEN, or --self-test)")]
    [TestCase(new[] { "invite", "--self-test", "garden" }, "invite --check and --self-test take no ROOM")]
    [TestCase(new[] { "--user", "alice" }, "--user is only for invite")]
    [TestCase(new[] { "invite", "garden", "--create", "many" }, "--create must be a count, 0 for join only (got 'many')")]
    public void Parse_InviteMisused_Reported(string[] args, string error) =>
        Assert.That(CommandLine.Parse(args).Errors, Is.EqualTo(new[] { error }));

    [Test]
    public void Parse_ManPage_ManModeWithThePage()
    {
        var request = CommandLine.Parse(["man", "homecall.env"]);

        Assert.That(request.Errors, Is.Empty);
        Assert.That(request.Mode, Is.EqualTo(CommandMode.Man));
        Assert.That(request.ManPage, Is.EqualTo("homecall.env"));
        Assert.That(request.FingerprintRoom, Is.Null);
    }

    [TestCase("man")]
    [TestCase("man", "homecall", "homecall.env")]
    public void Parse_ManWithoutExactlyOnePage_Error(params string[] args) =>
        Assert.That(CommandLine.Parse(args).Errors, Is.EqualTo(new[] { "man takes exactly one PAGE" }));
}
