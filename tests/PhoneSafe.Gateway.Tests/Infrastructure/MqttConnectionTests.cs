using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

public sealed class MqttConnectionTests
{
    [Theory]
    [InlineData(null, "phonesafe/+/+/events")]
    [InlineData("", "phonesafe/+/+/events")]
    [InlineData("phonesafe", "$share/phonesafe/phonesafe/+/+/events")]
    public void EventsFilter_SharedSubscriptionGroup_SharesOnlyWhenSet(string? group, string expected) =>
        Assert.Equal(expected, MqttConnection.EventsFilter(group));
}
