using System.Diagnostics;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Build;

/// <summary>
/// Proves the nanoFramework subset check can fail: tests/canary uses one banned API per file and must not build.
/// </summary>
public sealed class SubsetCanaryTests
{
    [Fact]
    public async Task Canary_UsingApisNanoFrameworkLacks_FailsToBuildWithRS0030ForEach()
    {
        string project = RepositoryPaths.Combine("tests", "canary", "PhoneSafe.Firmware.Canary.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project, "--disable-build-servers", "-nologo", "-clp:NoSummary" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };

        // The test host runs under `dotnet test`; its MSBuild variables must not steer the child build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using Process build = Process.Start(start);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        Task<string> error = build.StandardError.ReadToEndAsync(timeout.Token);
        string output = await build.StandardOutput.ReadToEndAsync(timeout.Token) + await error;
        await build.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, build.ExitCode);
        foreach (string file in new[] { "UsesGenericList.cs", "UsesLinq.cs", "UsesAsync.cs", "UsesConsole.cs", "UsesDateTimeNow.cs", "UsesDateTimeKind.cs" })
        {
            Assert.True(
                output.Split('\n').Any(line => line.Contains(file + "(", StringComparison.Ordinal) && line.Contains("error RS0030", StringComparison.Ordinal)),
                file + " was not refused with RS0030:\n" + output);
        }
    }
}
