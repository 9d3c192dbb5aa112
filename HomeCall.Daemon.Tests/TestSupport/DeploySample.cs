namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A sample from deploy/ as a test runs it: the admin's file with only its ports, paths and
/// certificate lines swapped, so what passes is the file docs/deploy.md tells admins to copy.
/// </summary>
internal static class DeploySample
{
    public static string Render(ProxySite site, string proxy, string file, params (string Sample, string Test)[] swaps)
    {
        var name = site.Sample(proxy, file);
        var text = File.ReadAllText(name);
        foreach (var (sample, test) in swaps)
        {
            Assert.That(text, Does.Contain(sample), $"{name} no longer has `{sample}`: update the test's swap, or the test runs another file than the admin's");
            text = text.Replace(sample, test, StringComparison.Ordinal);
        }

        return text;
    }
}
