using System.Diagnostics;
using System.Net.Sockets;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A real Mosquitto broker from Debian, started on a free loopback port for one test and stopped after it.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : string.Empty;

    public static MosquittoBroker Start()
    {
        string executable = ExternalComponent.Require("Mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
        int port = FreePort.Next();
        string directory = Directory.CreateTempSubdirectory("phonesafe-mosquitto-").FullName;
        string config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest file {Path.Combine(directory, "mosquitto.log")}
            """);
        return Launch(executable, directory, config, port);
    }

    /// <summary>
    /// Starts Mosquitto with a generated configuration: a main file like Debian's (log, persistence location) that
    /// includes every *.conf of <paramref name="includeDirectory"/>, as /etc/mosquitto/mosquitto.conf includes conf.d.
    /// </summary>
    /// <param name="includeDirectory">The folder of the generated conf.d files.</param>
    /// <param name="port">A port the generated configuration listens on (waited for).</param>
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
        return Launch(executable, directory, config, port);
    }

    private static MosquittoBroker Launch(string executable, string directory, string config, int port)
    {
        var process = Process.Start(new ProcessStartInfo(executable, ["-c", config]) { UseShellExecute = false, RedirectStandardError = true, WorkingDirectory = directory })!;
        var broker = new MosquittoBroker(process, directory, port);
        broker.WaitUntilListening();
        return broker;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
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
