namespace PhoneSafe.Firmware.Core.Tests.Build;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            DirectoryInfo directory = new(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PhoneSafe.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("PhoneSafe.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
