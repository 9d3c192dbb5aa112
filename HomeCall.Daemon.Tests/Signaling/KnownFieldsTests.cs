using System.Reflection;
using System.Text.Json;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>Every known field has one row in <see cref="KnownFields.Table"/>, storing into that field and no other.</summary>
public sealed class KnownFieldsTests
{
    private static readonly FieldInfo[] Storage = typeof(KnownFields).GetFields(BindingFlags.Public | BindingFlags.Instance);

    [Test]
    public void Table_EveryRow_StoresIntoTheFieldOfItsName()
    {
        Assert.Multiple(() =>
        {
            foreach (var known in KnownFields.Table)
            {
                var fields = default(KnownFields);
                known.In(ref fields) = new JsonField(1, 2, JsonTokenType.String);
                object boxed = fields;

                var written = Storage.Where(f => ((JsonField)f.GetValue(boxed)!).IsPresent).Select(f => f.Name).ToList();

                Assert.That(written, Is.EqualTo(new[] { char.ToUpperInvariant(known.Name[0]) + known.Name[1..] }), known.Name);
            }
        });
    }

    [Test]
    public void Table_Rows_OnePerField()
    {
        Assert.That(KnownFields.Table.Select(f => f.Name).ToList(), Is.Unique.And.Count.EqualTo(Storage.Length));
    }

    [Test]
    public void TryParse_EveryKnownField_StoredWhereItsRowSays()
    {
        Assert.Multiple(() =>
        {
            foreach (var known in KnownFields.Table)
            {
                var json = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"offer","{{known.Name}}":"v"}""");

                Assert.That(MessageParser.TryParse(json, out _, out var fields), Is.True, known.Name);
                Assert.That(known.In(ref fields), Is.EqualTo(new JsonField(json.Length - 4, json.Length - 1, JsonTokenType.String)), known.Name);
            }
        });
    }
}
