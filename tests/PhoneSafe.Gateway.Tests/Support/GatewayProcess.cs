using System.Diagnostics;
using System.Text;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// The real gateway as a separate operating-system process (<c>dotnet PhoneSafe.Gateway.dll</c>, the build the test
/// project references), configured by environment variables: an external broker, a SQLite file and a loopback HTTP
/// port. <see cref="Kill"/> is SIGKILL (no shutdown code runs). Every process started is killed on dispose.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly string _databasePath;
    private readonly int _brokerPort;
    private readonly string _clientId;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public GatewayProcess(string databasePath, int brokerPort, string clientId)
    {
        _databasePath = databasePath;
        _brokerPort = brokerPort;
        _clientId = clientId;
    }

    /// <summary>Gets the gateway's HTTP address (a new port at each start).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets how many times the gateway was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Gets what every run of the gateway wrote to stdout and stderr (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Gets the path of the gateway assembly the test project was built against.</summary>
    public static string GatewayAssembly => typeof(Program).Assembly.Location;

    /// <summary>
    /// Starts the gateway and waits (at most 30 s) until /health says it is connected to the broker.
    /// </summary>
    public async Task StartAsync()
    {
        Assert.True(_process is null || _process.HasExited, "the gateway is already running");
        _process?.Dispose();
        int httpPort = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{httpPort}";
        ProcessStartInfo start = StartInfo([]);
        start.Environment["Urls"] = BaseUrl;
        Starts++;
        Append($"--- start {Starts} ---");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(_process.HasExited, "the gateway exited at start:\n" + Log);
            try
            {
                string health = await http.GetStringAsync(new Uri(BaseUrl + "/health"), TestContext.Current.CancellationToken);
                if (health.Contains("\"mqtt\":{\"status\":\"Healthy\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or 503 while the database is being opened.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // A slow answer on a busy machine.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the gateway did not connect to the broker within 30 s:\n" + Log);
    }

    /// <summary>SIGKILL: the process dies at once, wherever it was (mid-batch, mid-commit, mid-acknowledgement).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(); // SIGKILL on Linux.
            Assert.True(_process.WaitForExit(10_000), "the killed gateway did not exit within 10 s");
            Append($"--- killed (exit {_process.ExitCode}) ---");
        }
    }

    /// <summary>
    /// Runs the <c>verify-ledger</c> verb on the same database (the operator's check after a crash).
    /// </summary>
    /// <returns>The exit code and the output.</returns>
    public (int ExitCode, string Output) VerifyLedger(string school)
    {
        ProcessStartInfo start = StartInfo(["verify-ledger", school]);
        start.RedirectStandardOutput = true;
        using Process verify = Process.Start(start)!;
        Task<string> output = verify.StandardOutput.ReadToEndAsync();
        Task<string> error = verify.StandardError.ReadToEndAsync();
        if (!verify.WaitForExit(30_000))
        {
            verify.Kill(entireProcessTree: true);
            Assert.Fail("verify-ledger did not finish within 30 s");
        }

        verify.WaitForExit();
        return (verify.ExitCode, output.Result + error.Result);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    private ProcessStartInfo StartInfo(string[] arguments)
    {
        string dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet, [GatewayAssembly, .. arguments])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(GatewayAssembly)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Test";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.Environment["MqttOptions__Embedded"] = "false";
        start.Environment["MqttOptions__Host"] = "127.0.0.1";
        start.Environment["MqttOptions__Port"] = _brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MqttOptions__ClientId"] = _clientId;
        start.Environment["MqttOptions__ReconnectSeconds"] = "1";
        start.Environment["StorageOptions__Provider"] = "Sqlite";
        start.Environment["StorageOptions__DatabasePath"] = _databasePath;
        start.Environment["PolicyOptions__EvaluateSeconds"] = "1";
        start.Environment["RetentionOptions__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
