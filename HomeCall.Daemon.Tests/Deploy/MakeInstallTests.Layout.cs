using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>The manual pages and proxy samples `make install` adds, and the directories `make uninstall` takes back.</summary>
public sealed partial class MakeInstallTests
{
    [Test]
    public async Task Install_IntoDestdir_ManPagesPrintedByTheBinarySysusersTmpfilesAndEveryProxySample()
    {
        var root = NewRoot();

        var result = await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var page = await ProcessRunner.RunAsync(_binary, ["man", "homecall"]);
        Assert.That(Read(root, "usr/local/share/man/man1/homecall.1"), Is.EqualTo(page.Output));
        Assert.That(Read(root, "usr/local/share/man/man5/homecall.env.5"), Does.StartWith(".TH \"HOMECALL.ENV\" \"5\""));
        Assert.That(Read(root, "usr/local/lib/sysusers.d/homecall.conf"), Is.EqualTo(File.ReadAllText(RepoPaths.File("systemd", "sysusers.d", "homecall.conf"))));
        Assert.That(Read(root, "usr/local/lib/tmpfiles.d/homecall.conf"), Is.EqualTo(File.ReadAllText(RepoPaths.File("systemd", "tmpfiles.d", "homecall.conf"))));
        var samples = ProxySamples.ByInstalledName();
        Assert.That(samples, Does.ContainKey("apache-homecall.conf"));
        foreach (var (name, sample) in samples)
        {
            Assert.That(Read(root, "usr/local/share/doc/homecall/" + name), Is.EqualTo(File.ReadAllText(sample)), name);
        }
    }

    [Test]
    public async Task Uninstall_AfterInstallIntoEmptyDestdir_OnlyTheEnvFileAndItsDirectoriesLeft()
    {
        var root = NewRoot();
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        var result = await MakeAsync("uninstall", "DESTDIR=" + root);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Entries(root), Is.EqualTo(new[] { "etc", "etc/homecall", "etc/homecall/homecall.env" }));
    }

    [Test]
    public async Task Uninstall_DirectoriesThatWereThereBefore_KeptEvenWhenEmpty()
    {
        var root = NewRoot();
        Directory.CreateDirectory(Path.Combine(root, "usr/local/bin"));
        Directory.CreateDirectory(Path.Combine(root, "usr/local/share/man"));
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);
        // A second install finds every directory there: uninstall must still know which were its own.
        await MakeAsync("install", "DESTDIR=" + root, "BIN=" + _binary);

        var result = await MakeAsync("uninstall", "DESTDIR=" + root);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Entries(root), Is.EqualTo(new[]
        {
            "etc", "etc/homecall", "etc/homecall/homecall.env", "usr", "usr/local", "usr/local/bin", "usr/local/share", "usr/local/share/man",
        }));
    }

    /// <summary>Every file and directory under root, relative, in ordinal order.</summary>
    private static string[] Entries(string root) =>
        Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
