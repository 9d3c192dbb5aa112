using System.Collections;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>Where the key lives: FINGERPRINT_KEY_FILE, else $STATE_DIRECTORY (systemd), else the XDG state directory.</summary>
public sealed class FingerprintKeyPathTests
{
    private static string? Resolve(string configured, params (string Key, string Value)[] environment)
    {
        var env = new Hashtable();
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        return FingerprintKeyPath.Resolve(configured, env);
    }

    [Test]
    public void Resolve_SettingGiven_WinsOverEveryDefault()
    {
        var path = Resolve("/srv/keys/fp.key", ("STATE_DIRECTORY", "/var/lib/homecall"), ("HOME", "/home/a"));

        Assert.That(path, Is.EqualTo("/srv/keys/fp.key"));
    }

    [Test]
    public void Resolve_StateDirectory_KeyInIt()
    {
        var path = Resolve("", ("STATE_DIRECTORY", "/var/lib/homecall"), ("XDG_STATE_HOME", "/x"), ("HOME", "/home/a"));

        Assert.That(path, Is.EqualTo("/var/lib/homecall/fingerprint.key"));
    }

    [Test]
    public void Resolve_SeveralStateDirectories_TheFirst()
    {
        Assert.That(Resolve("", ("STATE_DIRECTORY", "/var/lib/homecall:/var/lib/other")), Is.EqualTo("/var/lib/homecall/fingerprint.key"));
    }

    [Test]
    public void Resolve_XdgStateHome_HomecallDirectoryInIt()
    {
        var path = Resolve("", ("XDG_STATE_HOME", "/home/a/state"), ("HOME", "/home/a"));

        Assert.That(path, Is.EqualTo("/home/a/state/homecall/fingerprint.key"));
    }

    [Test]
    public void Resolve_RelativeXdgStateHome_IgnoredForHome()
    {
        var path = Resolve("", ("XDG_STATE_HOME", "state"), ("HOME", "/home/a"));

        Assert.That(path, Is.EqualTo("/home/a/.local/state/homecall/fingerprint.key"));
    }

    [Test]
    public void Resolve_EmptyVariables_TreatedAsUnset()
    {
        var path = Resolve("", ("STATE_DIRECTORY", ""), ("XDG_STATE_HOME", ""), ("HOME", "/home/a"));

        Assert.That(path, Is.EqualTo("/home/a/.local/state/homecall/fingerprint.key"));
    }

    [Test]
    public void Resolve_NothingToGoOn_Null()
    {
        Assert.That(Resolve("", ("HOME", "")), Is.Null);
        Assert.That(FingerprintKeyPath.NoDefault, Does.StartWith("FINGERPRINT_KEY_FILE is empty"));
    }
}
