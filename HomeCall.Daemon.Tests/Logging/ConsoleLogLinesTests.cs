using System.Text;
using HomeCall.Daemon.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class ConsoleLogLinesTests
{
    [Test]
    public void Flush_ABatchOfLines_OneWriteWithEveryLineInOrder()
    {
        using var stdout = new WriteCountingStream();
        using var console = new ConsoleLogLines(stdout, new LogLineFormatter());
        for (var i = 0; i < 50; i++)
        {
            console.Add(Event("Line " + i));
        }

        Assert.That(stdout.Writes, Is.Zero, "nothing written before the batch ends");
        console.Flush();

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(stdout.Writes, Is.EqualTo(1));
        Assert.That(lines.Select(l => l[(l.LastIndexOf(' ') - 4)..]), Is.EqualTo(Enumerable.Range(0, 50).Select(i => "Line " + i)));
        Assert.That(lines[0], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \[INF\] c1 Line 0$"));
    }

    [Test]
    public void Flush_AfterAFailedWrite_LaterBatchesStillWritten()
    {
        using var stdout = new WriteCountingStream { FailNext = true };
        using var console = new ConsoleLogLines(stdout, new LogLineFormatter());
        console.Add(Event("lost with the failed write"));
        Assert.That(console.Flush, Throws.TypeOf<IOException>());

        console.Add(Event("written"));
        console.Flush();

        Assert.That(Encoding.UTF8.GetString(stdout.ToArray()), Does.EndWith(" written\n").And.Not.Contain("lost"));
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.Now, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), [new LogEventProperty(ConnectionLogger.PropertyName, new ScalarValue("c1"))]);

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public bool FailNext { get; set; }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("Broken pipe");
            }

            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
