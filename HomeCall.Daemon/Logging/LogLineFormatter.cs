using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Renders an event as one line of <see cref="Template"/>, character for character
/// what Serilog's own <see cref="MessageTemplateTextFormatter"/> makes of that template
/// (<c>LogLineFormatterTests</c> compares the two), without its per-token dispatch, boxed
/// timestamp and intermediate strings: the daemon writes four such lines per connection.
/// Message properties that are strings, integers, booleans or null (every line the daemon
/// writes) are written here; a message with any other value, a format or an alignment is
/// rendered by Serilog's formatter, so what the template means never depends on this class.
/// </summary>
internal sealed class LogLineFormatter : ITextFormatter
{
    /// <summary>Serilog's output template for what this class writes: timestamp with offset, level, connection id, message.</summary>
    public const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {ConnectionId} {Message:lj}{NewLine}{Exception}";

    /// <summary>"yyyy-MM-ddTHH:mm:ss.fffzzz" is 29 characters; room to spare.</summary>
    private const int ScratchChars = 64;

    private const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz";

    private static readonly string[] LevelNames = ["VRB", "DBG", "INF", "WRN", "ERR", "FTL"];

    private static readonly MessageTemplateTextFormatter MessageFallback = new("{Message:lj}", CultureInfo.InvariantCulture);

    [ThreadStatic]
    private static char[]? t_scratch;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var scratch = t_scratch ??= new char[ScratchChars];
        logEvent.Timestamp.TryFormat(scratch, out var written, TimestampFormat, CultureInfo.InvariantCulture);
        output.Write(scratch, 0, written);
        output.Write(" [");
        output.Write(LevelNames[(int)logEvent.Level]);
        output.Write("] ");
        WriteConnectionId(logEvent, output);
        output.Write(' ');
        if (IsPlain(logEvent))
        {
            WriteMessage(logEvent, output, scratch);
        }
        else
        {
            MessageFallback.Format(logEvent, output);
        }

        output.Write(Environment.NewLine);
        if (logEvent.Exception is not null)
        {
            output.Write(logEvent.Exception.ToString());
            output.Write(Environment.NewLine);
        }
    }

    /// <summary>The output template's property: a missing one writes nothing, a string is written as it is.</summary>
    private static void WriteConnectionId(LogEvent logEvent, TextWriter output)
    {
        if (!logEvent.Properties.TryGetValue(ConnectionLogger.PropertyName, out var value))
        {
            return;
        }

        if (value is ScalarValue { Value: string id })
        {
            output.Write(id);
        }
        else
        {
            value.Render(output, null, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Whether every property token of the message is one <see cref="WriteMessage"/> writes exactly as ":lj" would.</summary>
    private static bool IsPlain(LogEvent logEvent)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && (property.Format is not null
                    || property.Alignment is not null
                    || (logEvent.Properties.TryGetValue(property.PropertyName, out var value) && !IsPlainValue(value))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainValue(LogEventPropertyValue value) =>
        value is ScalarValue { Value: null or string or bool or int or long or uint or ulong or short or ushort or byte or sbyte };

    /// <summary>
    /// ":lj" on plain values: strings literally, the other scalars as JSON writes them (invariant
    /// digits, lower-case booleans, null), a property the event lacks as its token's text.
    /// </summary>
    private static void WriteMessage(LogEvent logEvent, TextWriter output, char[] scratch)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is TextToken text)
            {
                output.Write(text.Text);
                continue;
            }

            var property = (PropertyToken)token;
            if (!logEvent.Properties.TryGetValue(property.PropertyName, out var value))
            {
                output.Write(property.ToString());
                continue;
            }

            switch (((ScalarValue)value).Value)
            {
                case null:
                    output.Write("null");
                    break;
                case string s:
                    output.Write(s);
                    break;
                case bool b:
                    output.Write(b ? "true" : "false");
                    break;
                case ISpanFormattable number:
                    number.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
                    output.Write(scratch, 0, written);
                    break;
            }
        }
    }
}
