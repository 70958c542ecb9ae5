using System.Diagnostics;
using System.Net.Sockets;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A real Mosquitto broker from Debian, started on a free loopback port for one test and stopped after it.
/// Fault tests stop it (hard or gracefully) and start it again on the same port, with or without persistence.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _executable;
    private readonly string _config;
    private readonly string _directory;
    private Process _process;

    private MosquittoBroker(string executable, string config, string directory, int port)
    {
        _executable = executable;
        _config = config;
        _directory = directory;
        Port = port;
        _process = Launch();
    }

    public int Port { get; }

    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : string.Empty;

    /// <summary>Gets a value indicating whether Mosquitto saved its state file (persistence on, after a graceful stop).</summary>
    public bool HasSavedState => File.Exists(Path.Combine(_directory, "mosquitto.db"));

    /// <summary>Gets a value indicating whether the broker process is running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>
    /// Starts a broker on a free port.
    /// </summary>
    /// <param name="persistence">Whether Mosquitto saves retained messages, sessions and queued messages to disk
    /// (on a graceful stop, and every second) and loads them again at start.</param>
    /// <returns>The running broker.</returns>
    public static MosquittoBroker Start(bool persistence = false)
    {
        string executable = ExternalComponent.Require("Mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
        int port = FreePort.Next();
        string directory = Directory.CreateTempSubdirectory("phonesafe-mosquitto-").FullName;
        string config = Path.Combine(directory, "mosquitto.conf");
        string persistenceLines = persistence
            ? $"persistence true\npersistence_location {directory}/\nautosave_interval 1"
            : "persistence false";
        File.WriteAllText(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            user {Environment.UserName}
            {persistenceLines}
            log_dest file {Path.Combine(directory, "mosquitto.log")}
            {Environment.GetEnvironmentVariable("PHONESAFE_MOSQUITTO_LOG") ?? string.Empty}
            """);
        return new MosquittoBroker(executable, config, directory, port);
    }

    /// <summary>
    /// Starts Mosquitto with a generated configuration: a main file like Debian's (log, persistence location) that
    /// includes every *.conf of <paramref name="includeDirectory"/>, as /etc/mosquitto/mosquitto.conf includes conf.d.
    /// </summary>
    /// <param name="includeDirectory">The folder of the generated conf.d files.</param>
    /// <param name="port">A port the generated configuration listens on (waited for).</param>
    /// <returns>The running broker.</returns>
    public static MosquittoBroker StartWithConfiguration(string includeDirectory, int port)
    {
        string executable = ExternalComponent.Require("Mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
        string directory = Directory.CreateTempSubdirectory("phonesafe-mosquitto-").FullName;
        string config = Path.Combine(directory, "mosquitto.conf");

        // Run as root, Mosquitto switches to the "mosquitto" user before reading the password file and keys; the test
        // files belong to the test's user, so it stays that user (the setting has no effect for other users).
        File.WriteAllText(config, $"""
            user {Environment.UserName}
            persistence_location {directory}/
            log_dest file {Path.Combine(directory, "mosquitto.log")}
            log_type all
            include_dir {includeDirectory}
            """);
        return new MosquittoBroker(executable, config, directory, port);
    }

    /// <summary>
    /// Stops the broker: SIGKILL (a crash: nothing saved) or SIGTERM (a service stop: persistence saved), and waits.
    /// </summary>
    /// <param name="graceful">SIGTERM instead of SIGKILL.</param>
    public void Stop(bool graceful)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (graceful)
        {
            _ = Signal(_process.Id, SigTerm);
            if (_process.WaitForExit(10_000))
            {
                return;
            }
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Starts the stopped broker again on the same port with the same configuration.</summary>
    public void Restart()
    {
        Stop(graceful: false);
        _process.Dispose();
        _process = Launch();
    }

    public void Dispose()
    {
        Stop(graceful: false);
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private Process Launch()
    {
        var process = Process.Start(new ProcessStartInfo(_executable, ["-c", _config]) { UseShellExecute = false, RedirectStandardError = true, WorkingDirectory = _directory })!;
        try
        {
            WaitUntilListening(process);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
            throw;
        }

        return process;
    }

    private void WaitUntilListening(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s");
    }
}
