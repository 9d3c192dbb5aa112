namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Expected values written inline (a params list keeps CA1861 quiet without a field per assertion).</summary>
internal static class Expect
{
    public static string[] List(params string[] items) => items;
}
