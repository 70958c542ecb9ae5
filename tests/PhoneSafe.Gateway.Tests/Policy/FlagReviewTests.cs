using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

public sealed class FlagReviewTests
{
    [Theory]
    [InlineData(FlagStatus.Open, FlagStatus.UnderInvestigation, null, true)]
    [InlineData(FlagStatus.Open, FlagStatus.Resolved, FlagResolution.FalseAlarm, true)]
    [InlineData(FlagStatus.UnderInvestigation, FlagStatus.UnderInvestigation, null, true)]
    [InlineData(FlagStatus.UnderInvestigation, FlagStatus.Resolved, FlagResolution.Breach, true)]
    [InlineData(FlagStatus.Resolved, FlagStatus.UnderInvestigation, null, true)]
    [InlineData(FlagStatus.Suppressed, FlagStatus.UnderInvestigation, null, true)]
    [InlineData(FlagStatus.UnderInvestigation, FlagStatus.Open, null, false)]
    [InlineData(FlagStatus.Resolved, FlagStatus.Resolved, FlagResolution.Explained, false)]
    [InlineData(FlagStatus.Open, FlagStatus.Resolved, null, false)]
    [InlineData(FlagStatus.Open, FlagStatus.UnderInvestigation, FlagResolution.Breach, false)]
    [InlineData(FlagStatus.Open, FlagStatus.Suppressed, null, false)]
    public void Check_Transitions(string from, string to, string? resolution, bool allowed)
    {
        Assert.Equal(allowed, FlagReview.Check(from, to, resolution) is null);
    }
}
