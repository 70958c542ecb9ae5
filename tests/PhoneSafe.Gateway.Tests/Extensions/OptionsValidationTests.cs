using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Extensions;

/// <summary>Settings that cannot work stop the gateway at start, naming the setting, instead of failing later.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("StorageOptions:MaxBatchSize")]
    [InlineData("StorageOptions:SqliteCacheMiB")]
    [InlineData("PolicyOptions:EvaluateSeconds")]
    [InlineData("PolicyOptions:BatchSize")]
    [InlineData("LockerCommandOptions:LifetimeSeconds")]
    [InlineData("LockerCommandOptions:SweepSeconds")]
    public void Start_SettingZero_IsRefusedNamingIt(string setting)
    {
        var sut = new GatewayHost(settings: new Dictionary<string, string> { [setting] = "0" });

        OptionsValidationException error = Assert.ThrowsAny<OptionsValidationException>(() => sut.Services);

        Assert.Contains(setting[(setting.IndexOf(':') + 1)..], error.Message, StringComparison.Ordinal);
        sut.Dispose();
    }

    [Fact]
    public void Start_Defaults_TakeTheBatchSizeFromOnePlace()
    {
        using var sut = new GatewayHost();

        Assert.Equal(new StorageOptions().MaxBatchSize, sut.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MaxBatchSize);
    }
}
