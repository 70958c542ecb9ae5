using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Commands;

namespace PhoneSafe.Gateway.Tests.Commands;

/// <summary>
/// The one command-line parser every verb uses, and what reaches the configuration reader.
/// </summary>
public sealed class GatewayCommandsTests
{
    [Fact]
    public void Parse_MixedCommandLine_SplitsPositionalOwnOptionsConfigurationAndUnknown()
    {
        string[] args = ["verb", "first", "--out", "/tmp/o", "--flag", "--Storage:Path", "/tmp/l.db", "--each=a", "second", "--each", "b", "--Mqtt:Port=1884", "--typo", "x"];

        CommandArguments sut = CommandArguments.Parse(args, ["--flag", "--absent"], ["--out", "--each"]);

        Assert.Equal("verb", sut.Verb);
        Assert.Equal(["first", "second"], sut.Positional);
        Assert.True(sut.Has("--flag"));
        Assert.False(sut.Has("--absent"));
        Assert.Equal("/tmp/o", sut.Value("--out"));
        Assert.Equal(["a", "b"], sut.Values("--each"));
        Assert.Null(sut.Value("--missing"));
        Assert.Equal(["--Storage:Path", "/tmp/l.db", "--Mqtt:Port=1884", "--typo", "x"], sut.Configuration);
        Assert.Equal(["--typo"], sut.Unknown);
    }

    [Fact]
    public void Parse_OwnOptionWithoutValue_IsUnknown()
    {
        CommandArguments sut = CommandArguments.Parse(["verb", "--out"], [], ["--out"]);

        Assert.Null(sut.Value("--out"));
        Assert.Equal(["--out"], sut.Unknown);
    }

    [Theory]
    [InlineData("--demo --MqttOptions:Port 1884", "--MqttOptions:Port 1884")]
    [InlineData("verify-ledger hillside --StorageOptions:DatabasePath /tmp/l.db", "--StorageOptions:DatabasePath /tmp/l.db")]
    [InlineData("export-simulation hillside /tmp/sim.json --enrol-simulated-cards --broker-ca /tmp/ca.crt --broker b:8883 --StorageOptions:DatabasePath=/tmp/l.db", "--StorageOptions:DatabasePath=/tmp/l.db")]
    [InlineData("purge --dry-run --StorageOptions:Provider PostgreSql", "--StorageOptions:Provider PostgreSql")]
    [InlineData("provision-locker hillside lk-1 office 16", "")]
    public void ConfigurationArguments_OnlyConfigurationKeysReachTheConfiguration(string commandLine, string expected)
    {
        string[] args = commandLine.Split(' ');

        string[] configuration = GatewayCommands.ConfigurationArguments(args);

        Assert.Equal(expected, string.Join(' ', configuration));
    }

    [Theory]
    [InlineData("provision-locker Hillside lk-1")]
    [InlineData("provision-locker hillside lk-1 gym")]
    [InlineData("provision-locker hillside lk-1 office 17")]
    [InlineData("export-person hillside")]
    [InlineData("export-simulation hillside")]
    [InlineData("export-simulation hillside /tmp/sim.json --broker b:8883")]
    [InlineData("setup-sheet hillside --wifi-ssid w --broker-host h --ca /tmp/ca.crt --out /tmp/s.html")]
    [InlineData("setup-sheet hillside lk-1 --wifi-ssid w --broker-host h --ca /tmp/ca.crt")]
    [InlineData("setup-sheet hillside lk-1 --wifi-ssid w --broker-host h --ca /tmp/ca.crt --out /tmp/s.html --hours 0")]
    [InlineData("mosquitto-config --host broker")]
    [InlineData("mosquitto-config --out /tmp/x --port 70000")]
    [InlineData("mosquitto-config --out /tmp/x --bogus y")]
    [InlineData("mosquitto-config --out /tmp/x --revoke")]
    public async Task RunAsync_ArgumentsThatDoNotFit_UsageErrorBeforeAnyServiceIsUsed(string commandLine)
    {
        // No services at all: a verb that reached the database would throw instead of returning the usage exit code.
        using ServiceProvider nothing = new ServiceCollection().BuildServiceProvider();

        int exitCode = await GatewayCommands.RunAsync(nothing, commandLine.Split(' '));

        Assert.Equal(GatewayCommand.UsageError, exitCode);
    }

    [Fact]
    public void All_VerbsAreUnique()
    {
        Assert.Equal(GatewayCommands.All.Count, GatewayCommands.All.Select(c => c.Verb).Distinct(StringComparer.Ordinal).Count());
    }
}
