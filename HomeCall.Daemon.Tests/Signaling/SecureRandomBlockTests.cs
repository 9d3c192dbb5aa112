using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>The block-at-a-time random source behind numeric room ids and myId (docs/protocol.md §7.1).</summary>
public sealed class SecureRandomBlockTests
{
    private const int ManyIds = 3 * SecureRandomBlock.BlockBytes / 16;

    [Test]
    public void NewGuid_ManyAcrossBlocks_AllVersion4VariantRfcAndDistinct()
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < ManyIds; i++)
        {
            var id = SecureRandomBlock.NewGuid();
            var text = id.ToString();

            Assert.That(text[14], Is.EqualTo('4'), $"version nibble of {text}");
            Assert.That(text[19], Is.AnyOf('8', '9', 'a', 'b'), $"variant of {text}");
            Assert.That(seen.Add(id), Is.True, $"{text} handed out twice");
        }
    }

    [Test]
    public void NewGuid_OnAnotherThread_DrawsItsOwnBytes()
    {
        var here = SecureRandomBlock.NewGuid();
        var there = Task.Run(SecureRandomBlock.NewGuid).GetAwaiter().GetResult();

        Assert.That(there, Is.Not.EqualTo(here));
    }

    [Test]
    public void GetInt32_SmallRange_StaysInsideAndReachesEveryValue()
    {
        var counts = new int[7];
        for (var i = 0; i < 7_000; i++)
        {
            var value = SecureRandomBlock.GetInt32(10, 17);
            Assert.That(value, Is.InRange(10, 16));
            counts[value - 10]++;
        }

        // 1,000 expected per value; a fair source is below 700 or above 1,300 with a probability under 1e-20.
        Assert.That(counts, Has.All.InRange(700, 1_300));
    }

    [Test]
    public void GetInt32_NumericRoomRange_SpreadsOverBothHalves()
    {
        var low = 0;
        for (var i = 0; i < 2_000; i++)
        {
            if (SecureRandomBlock.GetInt32(1000, 10_000) < 5500)
            {
                low++;
            }
        }

        Assert.That(low, Is.InRange(800, 1_200));
    }

    [Test]
    public void GetInt32_EmptyRange_Throws()
    {
        Assert.That(() => SecureRandomBlock.GetInt32(5, 5), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Fill_MoreThanABlock_Throws()
    {
        var tooMany = new byte[SecureRandomBlock.BlockBytes + 1];

        Assert.That(() => SecureRandomBlock.Fill(tooMany), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Fill_RestOfABlockTooShort_StartsAFreshBlockAndNeverRepeats()
    {
        var first = new byte[SecureRandomBlock.BlockBytes - 8];
        var second = new byte[16];
        var third = new byte[16];

        SecureRandomBlock.Fill(first);
        SecureRandomBlock.Fill(second);
        SecureRandomBlock.Fill(third);

        Assert.That(second, Is.Not.EqualTo(third));
        Assert.That(second, Is.Not.EqualTo(new byte[16]), "never the cleared bytes of a used block");
    }
}
