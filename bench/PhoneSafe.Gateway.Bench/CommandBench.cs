using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Bench;

/// <summary>
/// Command round trip over the real broker: the gateway signs and sends a command (<see cref="LockerCommands"/>, as the
/// locker page and the API do), a virtual locker (the real firmware core, its main loop every 50 ms as on the device)
/// runs it and publishes its result, and the gateway records it (state executed). Prints p50/p95/max.
/// </summary>
internal static class CommandBench
{
    private const string School = "bench-school";
    private const string Locker = "lk-commands";
    private const int WarmUp = 10;

    public static async Task RunAsync(WebApplication gateway, int port, int count)
    {
        IServiceProvider services = gateway.Services;
        var request = new DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "bench")], "bench")),
        };
        RegisteredLocker keys = (await services.GetRequiredService<PhoneSafe.Gateway.Actions.LockerRegistrations>().RegisterAsync(
            request, School, new RegisterLockerRequest(Locker, LockerKind.Classroom, 4))).Value!;
        var settings = new LockerSettings
        {
            School = School, Device = Locker, DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
        };
        using var fleet = new LockerFleet("127.0.0.1", port, [(settings, 4)], VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        if (!fleet.RunUntil(() => fleet.Lockers[0].Controller.Config.Version >= 1 && fleet.Lockers[0].Controller.Uplink.IsOnline, TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("the virtual locker did not come online with its configuration");
        }

        fleet.StartRealTime();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, UserRoles.Admin)], "bench"));
        var commands = services.GetRequiredService<LockerCommands>();
        var store = services.GetRequiredService<LockerCommandStore>();

        // The gateway tells open pages when a result is recorded; the bench listens the same way instead of polling.
        using var results = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        Task listening = Task.Run(async () =>
        {
            try
            {
                await foreach (string topic in services.GetRequiredService<LiveUpdates>().SubscribeAsync(stop.Token))
                {
                    if (topic == "lockers")
                    {
                        results.Release();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The bench is over.
            }
        });
        await Task.Delay(100);

        var times = new List<double>(count);
        for (int i = 0; i < WarmUp + count; i++)
        {
            // Sent at a random point of the locker's loop, as a person's click would be: sent straight after the last
            // result, each command would wait a whole loop period.
            await Task.Delay(Random.Shared.Next(LockerController.LoopMilliseconds));
            var clock = Stopwatch.StartNew();
            CommandOutcome sent = await commands.SendAsync(School, Locker, new SendCommandRequest(CommandName.Identify), admin, CancellationToken.None);
            string id = sent.Sent?.Id ?? throw new InvalidOperationException($"not sent: {sent.Problem}");
            while ((await store.FindAsync(School, id, CancellationToken.None))?.State != CommandStates.Executed)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"command {id} was not executed within 30 s");
                }

                await results.WaitAsync(TimeSpan.FromMilliseconds(500));
            }

            if (i >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        await stop.CancelAsync();
        await listening;
        times.Sort();
        Console.WriteLine(
            $"command round trip  : {count:N0} identify commands, one at a time at random points of the locker's loop (send -> locker runs it -> result recorded): p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms, max {times[^1]:F1} ms (locker main loop {LockerController.LoopMilliseconds} ms)");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
