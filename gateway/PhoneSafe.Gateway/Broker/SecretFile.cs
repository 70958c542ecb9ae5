namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// Writes files atomically (temporary file, then rename), private ones readable by the owner only (0600) from the
/// moment they exist.
/// </summary>
public static class SecretFile
{
    /// <summary>
    /// Writes a file only its owner can read and write.
    /// </summary>
    /// <param name="path">File path.</param>
    /// <param name="content">Text content.</param>
    public static void WritePrivate(string path, string content) => Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>
    /// Writes a file anyone on the machine may read (certificates, configuration without secrets).
    /// </summary>
    /// <param name="path">File path.</param>
    /// <param name="content">Text content.</param>
    public static void WritePublic(string path, string content) =>
        Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    private static void Write(string path, string content, UnixFileMode mode)
    {
        string temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            writer.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
