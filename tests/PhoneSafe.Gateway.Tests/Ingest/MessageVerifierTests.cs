using System.Text;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Ingest;

public sealed class MessageVerifierTests
{
    private static MessageVerifier CreateSut() => new(new TestKeys((VectorFile.School, VectorFile.Device, VectorFile.DeviceKey)));

    private static IncomingMessage Message(string topic, string payload) => new(topic, Encoding.UTF8.GetBytes(payload), DateTimeOffset.UnixEpoch);

    public static TheoryData<string> EventVectorNames() => new(VectorFile.Events.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(EventVectorNames))]
    public void Verify_GoldenEventVector_GivesTheVectorsVerdict(string name)
    {
        (_, string topic, string payload, string expect) = VectorFile.Events.Single(v => v.Name == name);
        var sut = CreateSut();

        VerifiedMessage result = sut.Verify(Message(topic, payload));

        Assert.Equal(expect, result.Disposition == MessageDisposition.Event ? "ok" : result.Reason);
        Assert.Equal(VectorFile.School, result.School);
    }

    [Theory]
    [InlineData("phonesafe/vector-school/lk-101/status", "online", MessageDisposition.Status, "online")]
    [InlineData("phonesafe/vector-school/lk-101/status", "offline", MessageDisposition.Status, "offline")]
    [InlineData("phonesafe/vector-school/lk-101/status", "on fire", MessageDisposition.Rejected, RejectReason.Malformed)]
    [InlineData("phonesafe/vector-school/lk-unknown/events", "{}", MessageDisposition.Rejected, RejectReason.UnknownDevice)]
    [InlineData("phonesafe/vector-school/lk-101/ack", "{}", MessageDisposition.Rejected, RejectReason.BadTopic)]
    [InlineData("phonesafe/Vector School/lk-101/events", "{}", MessageDisposition.Rejected, RejectReason.BadTopic)]
    [InlineData("other/vector-school/lk-101/events", "{}", MessageDisposition.Rejected, RejectReason.BadTopic)]
    public void Verify_TopicsAndStatus_AreClassified(string topic, string payload, MessageDisposition disposition, string reason)
    {
        var sut = CreateSut();

        VerifiedMessage result = sut.Verify(Message(topic, payload));

        Assert.Equal(disposition, result.Disposition);
        Assert.Equal(reason, result.Reason);
    }
}
