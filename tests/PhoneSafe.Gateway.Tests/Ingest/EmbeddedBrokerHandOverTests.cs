using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Ingest;

public sealed class EmbeddedBrokerHandOverTests
{
    private const string School = "handover-school";

    [Theory]
    [InlineData("phonesafe/school-a/lk-1/events", true)]
    [InlineData("phonesafe/school-a/lk-1/status", true)]
    [InlineData("phonesafe/school-a/lk-1/ack", false)]
    [InlineData("phonesafe/school-a/lk-1/config", false)]
    [InlineData("phonesafe/school-a/lk-1/events/extra", false)]
    [InlineData("phonesafe/lk-1/events", false)]
    [InlineData("other/school-a/lk-1/events", false)]
    [InlineData("phonesafe/Bad School/lk 1/events", true)]
    public void IsUplink_MatchesExactlyTheGatewaysSubscriptions(string topic, bool expected)
    {
        // The same set as the subscriptions phonesafe/+/+/events and phonesafe/+/+/status, invalid names included
        // (the verifier quarantines those with a reason, as it does for an external broker).
        Assert.Equal(expected, EmbeddedBrokerService.IsUplink(topic));
    }

    [Fact]
    public async Task EmbeddedBroker_HandsEventsOverInProcess_AndStillRoutesAcknowledgements()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        LockerSettings settings = await gateway.ProvisionAsync(School, "lk-1");

        // A bystander with the gateway's account, subscribed to every locker's events, sees what the broker routes.
        var routed = new ConcurrentQueue<string>();
        using IMqttClient bystander = new MqttClientFactory().CreateMqttClient();
        bystander.ApplicationMessageReceivedAsync += e =>
        {
            routed.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        MqttOptions account = gateway.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        await bystander.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gateway.BrokerPort).WithClientId("bystander").WithCredentials(account.Username, account.Password).Build(), TestContext.Current.CancellationToken);
        await bystander.SubscribeAsync(Topics.AllLockers(TopicKind.Events), MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);

        await using RawLocker locker = await RawLocker.ConnectAsync(gateway.BrokerPort, settings);
        int published = await locker.BackfillAsync(1, 3, TimeSpan.FromSeconds(30));

        // The locker's acknowledgements were routed to it (they are not handed over); the events were not routed.
        Assert.Equal(3, locker.Acked);

        Assert.Equal((3L, 3L, 1L, 3L), await gateway.Store.GetEventSummaryAsync(School, "lk-1", TestContext.Current.CancellationToken));
        Assert.True(published >= 3);
        Assert.True(gateway.Counters.Snapshot().Received >= 3);
        Assert.DoesNotContain(Topics.For(School, "lk-1", TopicKind.Events), routed);
    }
}
