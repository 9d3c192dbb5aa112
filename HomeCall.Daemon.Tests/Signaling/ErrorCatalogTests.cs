using System.Reflection;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>Error texts (docs/protocol.md §3.3): English, Russian on /signal by default, ERROR_LANGUAGE forcing one.</summary>
public sealed class ErrorCatalogTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    private static IEnumerable<string> Codes => ErrorCode.All;

    [TestCaseSource(nameof(Codes))]
    public void Text_EveryCode_HasDistinctEnglishAndCyrillicRussian(string code)
    {
        var en = ErrorCatalog.Text(code, Dialect.Homecall, ErrorLanguage.Auto);
        var ru = ErrorCatalog.Text(code, Dialect.Session, ErrorLanguage.Auto);

        Assert.That(en, Does.Match("^[A-Z][ -~]+$"));
        Assert.That(ru, Does.Match("^[А-ЯЁ][а-яёА-ЯЁ ,]+$"));
    }

    /// <summary>docs/protocol.md §9 lists exactly these codes (VocabularyDocsTests); here: none is declared twice or left without a row.</summary>
    [Test]
    public void Table_EveryConstant_OneRow()
    {
        var constants = typeof(ErrorCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.That(ErrorCode.All, Is.Unique.And.EquivalentTo(constants));
    }

    [TestCase("session-ended", "Сессия завершена")]
    [TestCase("session-not-found", "Сигнал не найден")]
    [TestCase("room-full", "Комната заполнена")]
    [TestCase("invalid-message", "Некорректное сообщение")]
    public void Text_SeedTextsOnSignal_Verbatim(string code, string text)
    {
        Assert.That(ErrorCatalog.Text(code, Dialect.Session, ErrorLanguage.Auto), Is.EqualTo(text));
    }

    [TestCase("invalid-message", "Invalid message")]
    [TestCase("room-not-found", "Room not found")]
    public void Text_SeedTextsOnRoomEndpoint_Verbatim(string code, string text)
    {
        Assert.That(ErrorCatalog.Text(code, null, ErrorLanguage.Auto), Is.EqualTo(text));
        Assert.That(ErrorCatalog.Text(code, Dialect.Numeric, ErrorLanguage.Auto), Is.EqualTo(text));
    }

    [Test]
    public void Error_SignalWithLanguageEn_English()
    {
        using var hub = new HubHarness(new DaemonOptions { ErrorLanguage = ErrorLanguage.English });
        var client = hub.Signal();

        client.Send(new { type = "offer", room = Id, sdp = "v=0" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"session-not-found\",\"message\":\"Signal not found\"}"));
    }

    [Test]
    public void Error_RoomEndpointWithLanguageRu_Russian()
    {
        using var hub = new HubHarness(new DaemonOptions { ErrorLanguage = ErrorLanguage.Russian });
        var client = hub.Room();

        client.Send(new { type = "join", roomId = "1234" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"room-not-found\",\"message\":\"Комната не найдена\"}"));
    }

    [Test]
    public void Error_ReplacedOnSignalWithLanguageEn_English()
    {
        using var hub = new HubHarness(new DaemonOptions { ErrorLanguage = ErrorLanguage.English });
        var old = hub.Session(Id, "caller");

        hub.Session(Id, "caller");

        Assert.That(JsonShape.Str(old.Single(), "message"), Is.EqualTo("Connected from another place"));
    }

    [Test]
    public void Error_RoomExpiredWithLanguageRu_Russian()
    {
        using var hub = new HubHarness(new DaemonOptions { ErrorLanguage = ErrorLanguage.Russian });
        var creator = hub.NumericCreator(out _);

        hub.Advance(hub.Options.RoomTimeout);

        Assert.That(JsonShape.Str(creator.Single(), "message"), Is.EqualTo("Комната закрыта по неактивности"));
    }
}
