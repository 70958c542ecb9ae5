using System.Diagnostics;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd, through Support/smtp_sink.py) on a loopback port, writing
/// each accepted message to a folder. Recipients at refused.example get 550, at busy.example 451.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>Gets the messages received so far, in order, as text.</summary>
    public IReadOnlyList<string> Messages => [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Starts the server on a port (a free one when 0) and waits until it listens.</summary>
    public static async Task<SmtpSink> StartAsync(int port = 0)
    {
        string python = ExternalComponent.Require("python3", "/usr/bin/python3");
        ExternalComponent.Require("python3-aiosmtpd", "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py");
        port = port == 0 ? FreePort.Next() : port;
        string folder = Path.Combine(Path.GetTempPath(), "phonesafe-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "smtp_sink.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(folder);
        Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            string error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            process.Kill();
            Assert.Fail($"the SMTP test server did not start: {error}");
        }

        return new SmtpSink(process, port, folder);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        Directory.Delete(Folder, true);
    }
}
