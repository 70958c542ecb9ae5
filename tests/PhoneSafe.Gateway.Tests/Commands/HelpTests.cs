using System.Diagnostics;
using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Commands;

/// <summary>
/// <c>--help</c> and <c>-h</c> print the usage and exit 0, for the gateway, each of its verbs and the simulator,
/// before anything reads the configuration or the database.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string, string> EveryVerb()
    {
        var data = new TheoryData<string, string>();
        foreach (GatewayCommand command in GatewayCommands.All)
        {
            data.Add(command.Verb, "--help");
            data.Add(command.Verb, "-h");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public void TryWriteHelp_Verb_WritesItsUsage(string verb, string help)
    {
        using var output = new StringWriter();

        bool written = GatewayCommands.TryWriteHelp([verb, help], output);

        Assert.True(written);
        Assert.Equal(GatewayCommands.All.Single(c => c.Verb == verb).Usage, output.ToString().Trim());
    }

    [Fact]
    public void TryWriteHelp_NoHelpSwitch_WritesNothing()
    {
        using var output = new StringWriter();

        Assert.False(GatewayCommands.TryWriteHelp(["purge", "--dry-run"], output));
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("purge --help")]
    [InlineData("mosquitto-config -h")]
    public async Task Gateway_HelpSwitch_PrintsUsageAndExitsZero(string commandLine)
    {
        (int exitCode, string output) = await RunAsync(GatewayProcess.GatewayAssembly, commandLine.Split(' '));

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("usage: ", output, StringComparison.Ordinal);
        Assert.Contains(commandLine.Split(' ')[0] == "--help" ? "verbs:" : commandLine.Split(' ')[0], output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("school-day --help")]
    public async Task Simulator_HelpSwitch_PrintsUsageAndExitsZero(string commandLine)
    {
        string simulator = Path.Combine(AppContext.BaseDirectory, "phonesafe-sim.dll");

        (int exitCode, string output) = await RunAsync(simulator, commandLine.Split(' '));

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("usage: phonesafe-sim", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string assembly, string[] arguments)
    {
        string dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet, [assembly, .. arguments])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }
}
