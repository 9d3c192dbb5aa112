using System.Globalization;
using HomeCall.Daemon.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace HomeCall.Daemon.Tests.Logging;

public sealed class LogLineFormatterTests
{
    private const int Cases = 3_000;

    private static readonly MessageTemplateTextFormatter Serilogs = new(LogLineFormatter.Template, CultureInfo.InvariantCulture);

    [Test]
    public void Format_TheDaemonsLines_SameTextAsSerilogsFormatter()
    {
        var id = new LogEventProperty(ConnectionLogger.PropertyName, new ScalarValue("k7q2m9-c31"));
        var events = new[]
        {
            Event("Connection opened from {ClientIp} on {Path}", id, ("ClientIp", "127.0.0.1"), ("Path", "/ws/")),
            Event("Joined room={Room} ({Count}/{Capacity})", id, ("Room", "ab12cd34"), ("Count", 2), ("Capacity", 16)),
            Event("Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms", id, ("CloseStatus", 1000), ("PeerCloseStatus", null), ("DurationMs", 18547L)),
        };

        foreach (var e in events)
        {
            Assert.That(Ours(e), Is.EqualTo(Theirs(e)));
        }

        Assert.That(Ours(events[2]), Does.EndWith(" [INF] k7q2m9-c31 Connection closed with 1000 (peer sent null) after 18547 ms" + Environment.NewLine));
    }

    [Test]
    public void Format_GeneratedEvents_SameTextAsSerilogsFormatter()
    {
        var random = new Random(20261203); // Fixed: a failure names a case that can be run again.
        for (var i = 0; i < Cases; i++)
        {
            var e = RandomEvent(random);
            string theirs;
            try
            {
                theirs = Theirs(e);
            }
            catch (FormatException)
            {
                // A format the value's type refuses (":000" on an enum): the same exception either way.
                Assert.That(() => Ours(e), Throws.TypeOf<FormatException>(), $"case {i}");
                continue;
            }

            Assert.That(Ours(e), Is.EqualTo(theirs), $"case {i}: template \"{e.MessageTemplate.Text}\"");
        }
    }

    private static string Ours(LogEvent e)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        new LogLineFormatter().Format(e, output);
        return output.ToString();
    }

    private static string Theirs(LogEvent e)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Serilogs.Format(e, output);
        return output.ToString();
    }

    private static LogEvent Event(string template, LogEventProperty id, params (string Name, object? Value)[] values)
    {
        var properties = values.Select(v => new LogEventProperty(v.Name, new ScalarValue(v.Value))).Append(id);
        return new LogEvent(new DateTimeOffset(2026, 12, 3, 15, 4, 57, 123, TimeSpan.Zero), LogEventLevel.Information, null, new MessageTemplateParser().Parse(template), properties);
    }

    /// <summary>Templates of text and property tokens (some with a format, an alignment, or no value), values of every kind.</summary>
    private static LogEvent RandomEvent(Random random)
    {
        var names = new[] { "A", "B", "Count", "Room", "@Obj", "$Str" };
        var template = new System.Text.StringBuilder();
        var properties = new List<LogEventProperty>();
        for (var t = random.Next(0, 5); t > 0; t--)
        {
            template.Append(Pick(random, ["x=", " (", "/", "{{literal}} ", "é ", "", "\t"]));
            var name = Pick(random, names);
            var suffix = Pick(random, ["", "", "", ":000", ",6", ",-4"]);
            template.Append('{').Append(name).Append(suffix).Append('}');
            var bare = name.TrimStart('@', '$');
            if (random.Next(5) > 0 && properties.All(p => p.Name != bare))
            {
                properties.Add(new LogEventProperty(bare, RandomValue(random)));
            }
        }

        if (random.Next(4) == 0)
        {
            template.Append(Pick(random, [" tail", "{", "}", "{ unclosed"]));
        }

        if (random.Next(3) > 0)
        {
            properties.Add(new LogEventProperty(ConnectionLogger.PropertyName, random.Next(4) == 0 ? RandomValue(random) : new ScalarValue("boot-c" + random.Next(1000))));
        }

        var level = (LogEventLevel)random.Next(6);
        var exception = random.Next(6) == 0 ? new InvalidOperationException("failed \"here\"") : null;
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
        var time = new DateTimeOffset(2026, 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), random.Next(1000), offset);
        return new LogEvent(time, level, exception, new MessageTemplateParser().Parse(template.ToString()), properties);
    }

    private static LogEventPropertyValue RandomValue(Random random) => random.Next(16) switch
    {
        0 => new ScalarValue(null),
        1 => new ScalarValue("text with \"quotes\", \\ and\nnewline"),
        2 => new ScalarValue(""),
        3 => new ScalarValue(random.Next(int.MinValue, int.MaxValue)),
        4 => new ScalarValue(random.NextInt64()),
        5 => new ScalarValue(random.Next(2) == 0),
        6 => new ScalarValue(random.NextDouble() * 1e6),
        7 => new ScalarValue(1.5m),
        8 => new ScalarValue(new DateTime(2026, 12, 3, 1, 2, 3, DateTimeKind.Utc)),
        9 => new ScalarValue(LogEventLevel.Warning),
        10 => new ScalarValue('c'),
        11 => new ScalarValue((uint)random.Next()),
        12 => new ScalarValue((byte)random.Next(256)),
        13 => new SequenceValue([new ScalarValue(1), new ScalarValue("two")]),
        14 => new StructureValue([new LogEventProperty("Key", new ScalarValue("v"))], random.Next(2) == 0 ? "Typed" : null),
        _ => new ScalarValue(TimeSpan.FromSeconds(random.Next(100000))),
    };

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];
}
