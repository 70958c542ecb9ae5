namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Finds a program the tests need from the machine (Mosquitto, PostgreSQL, Chromium). When it is missing the test
/// is skipped on a developer machine, and fails when PHONESAFE_REQUIRE_EXTERNAL=1 (set by .ci/run).
/// </summary>
public static class ExternalComponent
{
    public static string Require(string name, params string[] candidates)
    {
        string? found = candidates.FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        string message = $"{name} is not installed (looked for {string.Join(", ", candidates)}); .ci/run installs it with apt-get.";
        if (Environment.GetEnvironmentVariable("PHONESAFE_REQUIRE_EXTERNAL") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty;
    }
}
