using System.Globalization;

namespace HomeCall.Bench.Tests.TestSupport;

/// <summary>
/// A directory laid out as /proc/PID/task (TID/comm, TID/stat) with threads and CPU times the test
/// sets, so the per-thread reading runs on made-up threads instead of a live process's.
/// </summary>
internal sealed class FakeTaskDirectory : IDisposable
{
    // proc(5): after "(comm) " come state, then ten fields, then utime and stime.
    private const int FieldsAfterComm = 50;
    private const int UtimeField = 11;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("homecall-bench-task-");

    public string Path => _directory.FullName;

    /// <summary>Creates or updates thread <paramref name="tid"/> named <paramref name="name"/> with <paramref name="ticks"/> of user time.</summary>
    public FakeTaskDirectory Set(int tid, string name, long ticks)
    {
        var thread = Directory.CreateDirectory(System.IO.Path.Combine(Path, tid.ToString(CultureInfo.InvariantCulture)));
        var fields = Enumerable.Range(0, FieldsAfterComm).Select(i => i switch
        {
            0 => "S",
            UtimeField => ticks.ToString(CultureInfo.InvariantCulture),
            _ => "0",
        });
        File.WriteAllText(System.IO.Path.Combine(thread.FullName, "comm"), name + "\n");
        File.WriteAllText(System.IO.Path.Combine(thread.FullName, "stat"), $"{tid} ({name}) {string.Join(' ', fields)}\n");
        return this;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
